import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Compiles the CLI (incrementally: a couple of seconds when nothing changed) before any test
 * runs, so tests that spawn `bin/cellpulse.js` always run the code as built from these sources.
 */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
