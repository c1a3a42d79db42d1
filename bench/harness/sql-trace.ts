import { DuckDBConnection } from '@duckdb/node-api';

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
export function traceSql(): () => SqlTiming[] {
  const original = DuckDBConnection.prototype.run;
  const timings = new Map<string, SqlTiming>();
  DuckDBConnection.prototype.run = async function traced(
    this: DuckDBConnection,
    ...args: Parameters<DuckDBConnection['run']>
  ) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await original.apply(this, args);
    } finally {
      // The statement itself, not the comment its .sql file opens with.
      const sql = args[0]
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
  return () => {
    DuckDBConnection.prototype.run = original;
    return [...timings.values()].sort((a, b) => b.ms - a.ms);
  };
}
