import { CellpulseError } from '../domain/errors.js';

// DuckDB: 'IO Error: Could not set lock on file "x": Conflicting lock is held in /usr/bin/node (PID 123) by user u.'
const LOCK = /Could not set lock on file/i;
const HOLDER = /lock is held in (.+?) \(PID (\d+)\)/i;

/**
 * Turns DuckDB's file-lock failure (another process has the database open) into a CellpulseError
 * naming the holding process when DuckDB says which; any other error is returned unchanged.
 */
export function lockErrorToCellpulse(error: unknown, path: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (!LOCK.test(message)) return error;
  const holder = HOLDER.exec(message);
  const who = holder ? `process ${holder[2]} (${holder[1]})` : 'another process';
  return new CellpulseError(
    'conflict',
    `the database ${path} is open in ${who}, not a cellpulse server this command can go through; ` +
      'stop that process and try again',
  );
}
