import { Command, Option } from 'commander';
import { CATEGORIES, Category } from '../../../domain/enums.js';
import { CellpulseError } from '../../../domain/errors.js';
import type { Incident } from '../../../domain/incident.js';
import { listIncidents } from '../../../analytics/clusters/incidents/incident-reader.js';
import { incidentsToGeoJson, incidentsToRows } from '../../formats/incident-shapes.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { formatOption, outputFormat, printRows } from '../print-rows.js';

interface ClustersOptions extends DbOptions {
  from?: string;
  to?: string;
  category?: string;
  city?: string;
  format?: 'json' | 'geojson' | 'csv' | 'table';
}

/** `cellpulse clusters`: the major-complaint incidents (SPEC §3) intersecting a time range. */
export function clustersCommand(): Command {
  return withDatabaseOptions(new Command('clusters'))
    .description('print major complaint incidents (json: an array of SPEC §3 objects)')
    .option('--from <iso>', 'incidents that end at or after this time (ISO-8601)')
    .option('--to <iso>', 'incidents that start before this time (ISO-8601)')
    .addOption(new Option('--category <category>').choices(CATEGORIES))
    .option('--city <city>', 'city (地市)')
    .addOption(formatOption(['json', 'geojson', 'csv']))
    .action(async (options: ClustersOptions) => {
      const filter = {
        ...(options.from ? { from: isoTime(options.from, '--from') } : {}),
        ...(options.to ? { to: isoTime(options.to, '--to') } : {}),
        ...(options.category ? { category: Category.parse(options.category) } : {}),
        ...(options.city ? { city: options.city } : {}),
      };
      const incidents = await withDatabase<Incident[]>(options, {
        local: (db) => listIncidents(db, filter),
        remote: (server) => server.getJson('/v1/incidents', filter),
      });
      const format = outputFormat(options.format);
      if (format === 'geojson') console.log(JSON.stringify(incidentsToGeoJson(incidents)));
      else printRows(format === 'json' ? incidents : incidentsToRows(incidents), format);
    });
}

function isoTime(value: string, flag: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CellpulseError('invalid_parameter', `${flag} is not an ISO-8601 time`, value);
  return value;
}
