import { Command } from 'commander';
import type { Lookup } from '../../../domain/lookup.js';
import { lookupRows } from '../../formats/lookup-rows.js';
import { LookupQuery } from '../../schemas/lookup.js';
import { lookupByQuery } from '../../services/lookup-by-query.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { formatOption, outputFormat, printRows } from '../print-rows.js';

interface LookupOptions extends DbOptions {
  lat?: string;
  lon?: string;
  cellId?: string;
  category?: string;
  at?: string;
  radiusKm?: string;
  format?: 'json' | 'csv' | 'table';
}

/** `cellpulse lookup --lat --lon | --cell-id [--at]`: the front desk's known-issue look-up (SPEC §6). */
export function lookupCommand(): Command {
  return withDatabaseOptions(new Command('lookup'))
    .description('known problems near a point or cell at a time, with a suggested answer in Chinese and English')
    .option('--lat <deg>', 'caller latitude (WGS-84)')
    .option('--lon <deg>', 'caller longitude (WGS-84)')
    .option('--cell-id <id>', 'serving cell, instead of a point (with a point: outages on that cell count too)')
    .option('--category <category>', 'complaint category: the suggested answer follows its triage route')
    .option('--at <iso>', 'call time (default: the newest complaint)')
    .option('--radius-km <km>', 'how far around the point to look', '2')
    .addOption(formatOption(['json', 'csv']))
    .action(async (options: LookupOptions) => {
      // The HTTP schema validates the CLI's options too: one set of rules for both (it drops the other options).
      const query = LookupQuery.parse({ ...options, cell_id: options.cellId, radius_km: options.radiusKm });
      const found = await withDatabase<Lookup>(options, {
        local: (db) => lookupByQuery(db, query),
        remote: (server) => server.getJson('/v1/lookup', query),
      });
      const format = outputFormat(options.format);
      if (format === 'json') console.log(JSON.stringify(found));
      else printRows(lookupRows(found), format);
    });
}
