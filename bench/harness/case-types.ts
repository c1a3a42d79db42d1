/** What a measured case reports from its child process: the timed span and anything worth keeping. */
export interface Measured {
  /** Duration of the measured work, milliseconds (setup and teardown excluded). */
  ms: number;
  /** Rows (complaints) the work covered, for rows/s. */
  rows?: number;
  [key: string]: unknown;
}

export type CaseArgs = Record<string, unknown>;
export type CaseFn = (args: CaseArgs) => Promise<Measured>;

/** A long-running child (an HTTP server): started, asked for its URL, stopped with SIGTERM. */
export interface Served {
  url: string;
  close: () => Promise<void>;
}
export type ServeFn = (args: CaseArgs) => Promise<Served>;

/** Reads a string argument of a case. @throws Error when it is missing. */
export function stringArg(args: CaseArgs, key: string): string {
  const value = args[key];
  if (typeof value !== 'string') throw new Error(`case argument ${key} must be a string`);
  return value;
}

/** Reads a number argument of a case, or `fallback` when absent. */
export function numberArg(args: CaseArgs, key: string, fallback?: number): number {
  const value = args[key] ?? fallback;
  if (typeof value !== 'number') throw new Error(`case argument ${key} must be a number`);
  return value;
}
