import { Command } from 'commander';
import { serviceKpis, type ServiceKpiQuery, type ServiceKpiRow } from '../../../analytics/kpis/service-kpis.js';
import { CellpulseError } from '../../../domain/errors.js';
import { KpiRow } from '../../../domain/service-kpis.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { formatOption, outputFormat, printRows } from '../print-rows.js';

/** The query's months, city, totals and as-of come as they are; the limits as text (hours). */
interface KpisOptions extends DbOptions, Pick<ServiceKpiQuery, 'month' | 'fromMonth' | 'toMonth' | 'city' | 'asOf'> {
  totals?: boolean;
  replyLimitH: string;
  clusterReplyLimitH: string;
  format?: 'json' | 'csv' | 'table';
}

/** `cellpulse kpis`: service-commitment KPIs (SPEC §4) per city and local month. */
export function kpisCommand(): Command {
  return withDatabaseOptions(new Command('kpis'))
    .description(
      'print on-time reply rate, resolution ratio, commitment compliance and satisfaction per city and month',
    )
    .option('--month <YYYY-MM>', 'one local month')
    .option('--from-month <YYYY-MM>', 'first local month (inclusive)')
    .option('--to-month <YYYY-MM>', 'last local month (inclusive)')
    .option('--city <city>', 'city (地市)')
    .option('--totals', "add a province row per month (city 'ALL')")
    .option('--as-of <iso>', 'judge "past its limit" at this time (default: the newest complaint)')
    .option('--reply-limit-h <hours>', 'reply limit of a complaint, hours', '24')
    .option('--cluster-reply-limit-h <hours>', 'reply limit of a complaint in a major cluster, hours', '2')
    .addOption(formatOption(['json', 'csv']))
    .action(async (options: KpisOptions) => {
      const query = toQuery(options);
      const rows = await withDatabase<ServiceKpiRow[]>(options, {
        local: (db) => serviceKpis(db, query),
        remote: (server) => server.getJson('/v1/kpis', routeQuery(query)),
      });
      // CSV names its columns from the schema, so an empty result still has its header row.
      const format = outputFormat(options.format);
      printRows(rows, format, Object.keys(KpiRow.shape));
    });
}

function toQuery(options: KpisOptions): ServiceKpiQuery {
  return {
    ...(options.month ? { month: options.month } : {}),
    ...(options.fromMonth ? { fromMonth: options.fromMonth } : {}),
    ...(options.toMonth ? { toMonth: options.toMonth } : {}),
    ...(options.city ? { city: options.city } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
    totals: options.totals === true,
    replyLimitHours: hours(options.replyLimitH, '--reply-limit-h'),
    clusterReplyLimitHours: hours(options.clusterReplyLimitH, '--cluster-reply-limit-h'),
  };
}

/** The same query in the names of `GET /v1/kpis`. */
function routeQuery(query: ServiceKpiQuery): Record<string, string | number | boolean | undefined> {
  return {
    month: query.month,
    from_month: query.fromMonth,
    to_month: query.toMonth,
    city: query.city,
    as_of: query.asOf,
    totals: query.totals,
    reply_limit_h: query.replyLimitHours,
    cluster_reply_limit_h: query.clusterReplyLimitHours,
  };
}

function hours(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new CellpulseError('invalid_parameter', `${flag} is not a number of hours`, value);
  return n;
}
