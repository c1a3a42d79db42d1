import { z } from 'zod';
import { Category } from '../../domain/enums.js';
import { SignalRow, type Signal } from '../../domain/signal.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import type { TableSpec } from '../formats/table-spec.js';
import { regionFeature } from '../formats/geo-features.js';
import { IsoTime } from './common.js';

export const SIGNAL_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

/** The options of `cellpulse scan` (SPEC §11), shared by the CLI and `GET /v1/signals`. */
export const ScanQuery = z.object({
  at: IsoTime.optional().describe('analysis time: every window ends here (default: the newest complaint)'),
  category: Category.optional().describe('one category (default: each category, analysed on its own)'),
  replicates: z.coerce
    .number()
    .int()
    .min(999)
    .max(99_999)
    .optional()
    .describe('Monte Carlo replicates (default 999; the server: its scan setting)'),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(2005)
    .describe('seed of the replicates (same seed, same p-values)'),
  format: formatQuery(SIGNAL_FORMATS),
});

/** Scheduled analyses a day (24: hourly), the denominator of the recurrence interval. */
export const AnalysesPerDay = z.coerce.number().positive().max(86_400);

function signalRow(s: Signal): SignalRow {
  return { ...s, hexes: s.hexes.join(';'), incident_ids: s.incident_ids.join(';') };
}

/** Signals in every format; GeoJSON draws each zone as one MultiPolygon, its flat row as properties. */
export const signalTable: TableSpec<Signal, typeof SignalRow> = {
  name: 'signals',
  row: SignalRow,
  toRow: signalRow,
  toFeature: (s) => regionFeature(s.signal_id, s.hexes, signalRow(s)),
};
