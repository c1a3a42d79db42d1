import { DOUBLE, LIST, listValue, VARCHAR, type DuckDBConnection, type DuckDBListValue } from '@duckdb/node-api';
import type { Category } from '../../domain/enums.js';
import type { Signal } from '../../domain/signal.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';

// A list parameter's type is otherwise inferred from its first item: a p-value of exactly 1 (or a
// NULL signal id) first would make the list INTEGER (or NULL) and refuse the items after it.
const DOUBLES = LIST(DOUBLE);

/** What identifies and summarises one analysis of one category. */
export interface Analysis {
  analysis_id: string;
  category: Category;
  /** Analysis time, epoch ms. */
  at: number;
  replicates: number;
  seed: number;
  analyses_per_day: number;
  complaints: number;
  recent: number;
  most_likely_llr: number;
  most_likely_p: number;
}

/** An incident's best overlapping signal in one analysis (signal_id null: none had an excess, p = 1). */
export interface IncidentSignificance {
  incident_id: string;
  p_value: number;
  recurrence_interval_days: number;
  signal_id: string | null;
}

/** The id of the analysis of `category` at `at` (epoch ms) with these replicates and seed. */
export function analysisId(category: Category, at: number, replicates: number, seed: number): string {
  return `${category}@${new Date(at).toISOString()}#${replicates}/${seed}`;
}

/** The stored analysis of `category` at `at` when it ran with these replicates and seed. */
export async function findAnalysis(
  db: Database,
  category: Category,
  at: number,
  replicates: number,
  seed: number,
): Promise<boolean> {
  const rows = await db.all('SELECT 1 FROM scan_analyses WHERE analysis_id = $id', {
    id: analysisId(category, at, replicates, seed),
  });
  return rows.length > 0;
}

/** Signals of the listed analyses, or of earlier analyses whose window ends after `after` (epoch ms). */
export async function readSignals(
  db: Database,
  filter: { analyses?: string[]; category?: Category; after?: number; before?: number },
): Promise<Signal[]> {
  return db.all<Signal>(loadSql(import.meta.url, 'list-signals'), {
    analyses: filter.analyses ? listValue(filter.analyses) : null,
    category: filter.category ?? null,
    after: filter.after === undefined ? null : filter.after / 1000,
    before: filter.before === undefined ? null : filter.before / 1000,
  });
}

/**
 * Replaces the analysis of its category and time with this one and its signals, lets each
 * incident keep the best significance any analysis gave it, and stores a `signal.detected`
 * event for each of `alerts`; one transaction.
 */
export async function saveAnalyses(
  db: Database,
  runs: readonly { analysis: Analysis; signals: Signal[]; incidents: IncidentSignificance[] }[],
  alerts: readonly Signal[] = [],
): Promise<void> {
  if (runs.length === 0) return;
  await db.write(
    async (conn) => {
      for (const run of runs) await saveOne(conn, run.analysis, run.signals, run.incidents);
      for (const signal of alerts) await recordSignalEvent(conn, signal);
      // Signals and significance change what incident routes show, nothing the rates, hexagons or coverage read.
    },
    { touches: ['incidents'] },
  );
}

// `signal.detected` goes into the durable alert log (SSE ids, webhooks) in the analysis's own
// transaction, once per signal: its id stands in the log's incident_id column.
async function recordSignalEvent(conn: DuckDBConnection, signal: Signal): Promise<void> {
  await conn.run(
    `INSERT INTO alert_events
     SELECT nextval('alert_event_seq'), 'signal.detected', $id, now(), $data
     WHERE NOT EXISTS (SELECT 1 FROM alert_events WHERE type = 'signal.detected' AND incident_id = $id)`,
    { id: signal.signal_id, data: JSON.stringify(signal) },
  );
}

async function saveOne(
  conn: DuckDBConnection,
  a: Analysis,
  signals: readonly Signal[],
  incidents: readonly IncidentSignificance[],
): Promise<void> {
  await conn.run('DELETE FROM signals WHERE analysis_id = $id', { id: a.analysis_id });
  await conn.run('DELETE FROM scan_analyses WHERE analysis_id = $id', { id: a.analysis_id });
  await conn.run(
    `INSERT INTO scan_analyses
     VALUES ($id, $category, to_timestamp($at), $replicates, $seed, $perDay, $complaints, $recent, $llr, $p)`,
    {
      id: a.analysis_id,
      category: a.category,
      at: a.at / 1000,
      replicates: a.replicates,
      seed: a.seed,
      perDay: a.analyses_per_day,
      complaints: a.complaints,
      recent: a.recent,
      llr: a.most_likely_llr,
      p: a.most_likely_p,
    },
  );
  if (signals.length > 0) await insertSignals(conn, a, signals);
  if (incidents.length > 0) {
    await conn.run(
      loadSql(import.meta.url, 'upsert-significance'),
      {
        incidents: listValue(incidents.map((i) => i.incident_id)),
        ps: listValue(incidents.map((i) => i.p_value)),
        ris: listValue(incidents.map((i) => i.recurrence_interval_days)),
        signals: listValue(incidents.map((i) => i.signal_id)),
      },
      { ps: DOUBLES, ris: DOUBLES, signals: LIST(VARCHAR) },
    );
  }
}

async function insertSignals(conn: DuckDBConnection, a: Analysis, signals: readonly Signal[]): Promise<void> {
  const list = <T extends string | number>(pick: (s: Signal) => T): DuckDBListValue => listValue(signals.map(pick));
  const lists = (pick: (s: Signal) => string[]): DuckDBListValue => listValue(signals.map((s) => listValue(pick(s))));
  const listOfLists = LIST(LIST(VARCHAR));
  await conn.run(
    loadSql(import.meta.url, 'insert-signals'),
    {
      analysis: a.analysis_id,
      category: a.category,
      ids: list((s) => s.signal_id),
      hexes: lists((s) => s.hexes),
      starts: list((s) => s.start),
      ends: list((s) => s.end),
      observed: list((s) => s.observed),
      expected: list((s) => s.expected),
      llrs: list((s) => s.llr),
      ps: list((s) => s.p_value),
      ris: list((s) => s.recurrence_interval_days),
      statuses: list((s) => s.status),
      incidents: lists((s) => s.incident_ids),
      ranks: listValue(signals.map((_, i) => i + 1)),
    },
    { hexes: listOfLists, incidents: listOfLists, expected: DOUBLES, llrs: DOUBLES, ps: DOUBLES, ris: DOUBLES },
  );
}
