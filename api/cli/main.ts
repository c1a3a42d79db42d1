import { Command } from 'commander';
import { ZodError } from 'zod';
import { CellpulseError } from '../../domain/errors.js';
import { clustersCommand } from './commands/clusters.js';
import { coverageCommand } from './commands/coverage.js';
import { demoCommand } from './commands/demo.js';
import { ingestCommand } from './commands/ingest.js';
import { kpisCommand } from './commands/kpis.js';
import { lookupCommand } from './commands/lookup.js';
import { ratesCommand } from './commands/rates.js';
import { targetsCommand } from './commands/targets.js';
import { serveCommand } from './commands/serve.js';
import { sitesCommand } from './commands/sites.js';

const program = new Command('cellpulse')
  .description('Mobile-network complaint analytics and geo-clustering on DuckDB and H3')
  .showHelpAfterError()
  .addCommand(ingestCommand())
  .addCommand(clustersCommand())
  .addCommand(kpisCommand())
  .addCommand(ratesCommand())
  .addCommand(targetsCommand())
  .addCommand(lookupCommand())
  .addCommand(coverageCommand())
  .addCommand(sitesCommand())
  .addCommand(serveCommand())
  .addCommand(demoCommand());

// Usage errors (unknown option value, missing --db) exit 2, as every other bad option does.
for (const command of [program, ...program.commands]) {
  command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}

/** Prints a failure a person can act on (no stack trace for expected errors); returns the exit code. */
function reportError(error: unknown): number {
  if (error instanceof CellpulseError) {
    console.error(`cellpulse: ${error.message}`);
    return error.code === 'refused_file' ? 3 : 2;
  }
  if (error instanceof ZodError) {
    console.error(`cellpulse: ${error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
    return 2;
  }
  console.error(error);
  return 1;
}
