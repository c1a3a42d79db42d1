import { Command } from 'commander';
import { CellpulseError } from '../../domain/errors.js';
import { COMMANDS } from './command-table.js';

const program = new Command('cellpulse')
  .description('Mobile-network complaint analytics and geo-clustering on DuckDB and H3')
  .showHelpAfterError();

// Only the command being run is loaded; the others appear in `--help` by name and description.
const named = process.argv[2] === 'help' ? process.argv[3] : process.argv[2];
const chosen = COMMANDS.find((entry) => entry.name === named);
for (const entry of COMMANDS) {
  program.addCommand(entry === chosen ? await entry.load() : new Command(entry.name).description(entry.description));
}

// Usage errors (unknown option value, missing --db) exit 2, as every other bad option does.
for (const command of [program, ...program.commands]) {
  command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = await reportError(error);
}

/** Prints a failure a person can act on (no stack trace for expected errors); returns the exit code. */
async function reportError(error: unknown): Promise<number> {
  if (error instanceof CellpulseError) {
    console.error(`cellpulse: ${error.message}`);
    return error.code === 'refused_file' || error.code === 'conflict' ? 3 : 2;
  }
  // zod is loaded only on this path: `--help` and the fast commands never need it here.
  const { ZodError } = await import('zod');
  if (error instanceof ZodError) {
    console.error(`cellpulse: ${error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
    return 2;
  }
  // Anything else is a bug or an environment failure: its message, and the stack only when asked for.
  console.error(`cellpulse: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.CELLPULSE_DEBUG) console.error(error);
  return 1;
}
