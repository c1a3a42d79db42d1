// Entry of a measured child process: `child-main.ts case|serve <name> <json args>`.
// A case prints one result line (what it measured plus this process's peak RSS) and exits;
// a server prints the URL it listens on and runs until SIGTERM.
import { CASES, SERVERS } from './case-registry.js';
import { LISTEN_MARK, RESULT_MARK } from './child-case.js';
import type { CaseArgs } from './case-types.js';
import { traceSql } from './sql-trace.js';

const [mode, name = '', json = '{}'] = process.argv.slice(2);
const args = JSON.parse(json) as CaseArgs;

if (mode === 'case') {
  const fn = CASES[name];
  if (!fn) throw new Error(`unknown case ${name}`);
  const stopTrace = args.traceSql === true ? traceSql() : undefined;
  const measured = await fn(args);
  if (stopTrace) measured.sqlTrace = stopTrace().slice(0, 25);
  // maxRSS is in kilobytes on Linux and covers every thread of the process (DuckDB's and the workers').
  process.stdout.write(
    `\n${RESULT_MARK}${JSON.stringify({ measured, maxRssKb: process.resourceUsage().maxRSS })}\n`,
    () => process.exit(0),
  );
} else if (mode === 'serve') {
  const fn = SERVERS[name];
  if (!fn) throw new Error(`unknown server ${name}`);
  const served = await fn(args);
  process.once('SIGTERM', () => void served.close().finally(() => process.exit(0)));
  process.stdout.write(`\n${LISTEN_MARK}${JSON.stringify({ url: served.url })}\n`);
} else {
  throw new Error(`usage: child-main.ts case|serve <name> <json>`);
}
