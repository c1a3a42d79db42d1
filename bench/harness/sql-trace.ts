import { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

/** Wall time spent in `DuckDBConnection.run` per statement text (the SQL side of a profile). */
export interface SqlTiming {
  sql: string;
  ms: number;
  /** CPU of the whole process (every thread) while it ran: the figure to trust on a loaded machine. */
  cpuMs: number;
  calls: number;
}

/**
 * Times every `DuckDBConnection.run` (which `runAndReadAll` goes through) in this process, keyed by
 * the statement's first words, so a profile can say which SQL dominates — the CPU profile only
 * sees the main thread idle while DuckDB's own threads work. Returns a function that stops
 * tracing and reports the statements, slowest first.
 */
/**
 * The text of every statement prepared in this process since this module loaded, so statements
 * prepared once and run many times (store/prepared-statements.ts), even before tracing starts, are
 * timed under their text too.
 */
const texts = new WeakMap<DuckDBPreparedStatement, string>();
const originalPrepare = DuckDBConnection.prototype.prepare;
DuckDBConnection.prototype.prepare = async function recordedPrepare(this: DuckDBConnection, sql: string) {
  const statement = await originalPrepare.call(this, sql);
  texts.set(statement, `(prepared) ${sql}`);
  return statement;
};

export function traceSql(): () => SqlTiming[] {
  const original = DuckDBConnection.prototype.run;
  const originalRunPrepared = DuckDBPreparedStatement.prototype.run;
  const timings = new Map<string, SqlTiming>();
  const timed = async <T>(text: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await run();
    } finally {
      // The statement itself, not the comment its .sql file opens with.
      const sql = text
        .replace(/^\s*--[^\n]*$/gm, '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 110);
      const entry = timings.get(sql) ?? { sql, ms: 0, cpuMs: 0, calls: 0 };
      const used = process.cpuUsage(cpu);
      entry.ms += performance.now() - started;
      entry.cpuMs += (used.user + used.system) / 1000;
      entry.calls += 1;
      timings.set(sql, entry);
    }
  };
  DuckDBConnection.prototype.run = function traced(
    this: DuckDBConnection,
    ...args: Parameters<DuckDBConnection['run']>
  ) {
    return timed(args[0], () => original.apply(this, args));
  };
  DuckDBPreparedStatement.prototype.run = function tracedRun(this: DuckDBPreparedStatement) {
    return timed(texts.get(this) ?? '(prepared)', () => originalRunPrepared.call(this));
  };
  return () => {
    DuckDBConnection.prototype.run = original;
    DuckDBPreparedStatement.prototype.run = originalRunPrepared;
    return [...timings.values()].sort((a, b) => b.ms - a.ms);
  };
}
