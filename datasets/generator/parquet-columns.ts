import type { ParquetColumns } from './parquet-export.js';
import { COMPLAINT_FIELDS, type ComplaintField } from '../../domain/complaint-fields.js';

/** The data files of a generated set (ground_truth.csv aside), named as `loadDataset` expects. */
export type DataFile = 'sites' | 'subscribers' | 'events' | 'complaints';

const COMPLAINT_TYPES: Record<ComplaintField, string> = {
  complaint_id: 'VARCHAR',
  received_at: 'TIMESTAMPTZ',
  city: 'VARCHAR',
  category: 'VARCHAR',
  technology: 'VARCHAR',
  lat: 'DOUBLE',
  lon: 'DOUBLE',
  cell_id: 'VARCHAR',
  replied_at: 'TIMESTAMPTZ',
  resolved_at: 'TIMESTAMPTZ',
  resolution: 'VARCHAR',
  satisfied: 'BOOLEAN',
};

/** Each file's columns in order (the CSV header) and the Parquet type of each (SPEC §1 field names). */
export const PARQUET_COLUMNS: Record<DataFile, ParquetColumns> = {
  sites: [
    ['cell_id', 'VARCHAR'],
    ['site_id', 'VARCHAR'],
    ['city', 'VARCHAR'],
    ['technology', 'VARCHAR'],
    ['lat', 'DOUBLE'],
    ['lon', 'DOUBLE'],
    ['azimuth', 'INTEGER'],
    ['status', 'VARCHAR'],
  ],
  subscribers: [
    ['city', 'VARCHAR'],
    ['technology', 'VARCHAR'],
    ['month', 'VARCHAR'],
    ['subscribers', 'BIGINT'],
  ],
  events: [
    ['event_id', 'VARCHAR'],
    ['cell_id', 'VARCHAR'],
    ['lat', 'DOUBLE'],
    ['lon', 'DOUBLE'],
    ['radius_m', 'DOUBLE'],
    ['kind', 'VARCHAR'],
    ['starts_at', 'TIMESTAMPTZ'],
    ['ends_at', 'TIMESTAMPTZ'],
    ['note', 'VARCHAR'],
  ],
  complaints: COMPLAINT_FIELDS.map((name) => [name, COMPLAINT_TYPES[name]] as const),
};
