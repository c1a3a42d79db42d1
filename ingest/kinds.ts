import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { CONTROL_CHARACTER_REASON, CONTROL_CHARACTERS, TEXT_CONTROL_CHARACTERS } from '../domain/control-characters.js';
import { CATEGORIES, EVENT_KINDS, RESOLUTIONS, SITE_STATUSES, TECHNOLOGIES, type InputKind } from '../domain/enums.js';

/** How one input kind is checked, keyed for upserts and written. */
export interface KindPlan {
  /** `.sql` file (in ingest/sql) that builds `checked` from `src`. */
  check: string;
  /** `.sql` file that writes the winning rows of `valid` (and `geo`) into the table. */
  insert: string;
  /** The target table, and the SQL of the upsert key over `checked` and over the table. */
  table: string;
  key: string;
  tableKey: string;
  /** Whether rows carry points that need WGS-84 conversion and an H3 cell. */
  hasPoints: boolean;
  /** The check's parameters; the value aliases (ALIAS_PARAMS) are added to every kind's. */
  params: Record<string, DuckDBValue>;
}

const technologies = listValue([...TECHNOLOGIES]);
/** Every check rejects control characters in ids and text by the one rule of domain/control-characters.ts. */
const control = { control: CONTROL_CHARACTERS, control_reason: CONTROL_CHARACTER_REASON };

export const KIND_PLANS: Record<InputKind, KindPlan> = {
  complaints: {
    check: 'check-complaints',
    insert: 'insert-complaints',
    table: 'complaints',
    key: 'complaint_id',
    tableKey: 'complaint_id',
    hasPoints: true,
    params: {
      categories: listValue([...CATEGORIES]),
      technologies,
      resolutions: listValue([...RESOLUTIONS]),
      ...control,
    },
  },
  sites: {
    check: 'check-sites',
    insert: 'insert-sites',
    table: 'cell_sites',
    key: 'cell_id',
    tableKey: 'cell_id',
    hasPoints: true,
    params: { technologies, statuses: listValue([...SITE_STATUSES]), ...control },
  },
  subscribers: {
    check: 'check-subscribers',
    insert: 'insert-subscribers',
    table: 'subscribers',
    key: "city || '|' || technology_v || '|' || month",
    tableKey: "city || '|' || technology || '|' || month",
    hasPoints: false,
    params: { technologies, ...control },
  },
  events: {
    check: 'check-events',
    insert: 'insert-events',
    table: 'network_events',
    key: 'event_id_v',
    tableKey: 'event_id',
    hasPoints: true,
    params: { kinds: listValue([...EVENT_KINDS]), ...control, text_control: TEXT_CONTROL_CHARACTERS },
  },
};
