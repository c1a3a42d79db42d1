#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install` through the `prepare` script): no
// TypeScript is transpiled at run time. `npm run dev -- <command>` runs the sources instead.
import { existsSync } from 'node:fs';

const main = new URL('../dist/api/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('cellpulse: the compiled CLI (dist/) is missing; run `npm install` or `npm run build` first');
  process.exit(1);
}
await import(main.href);
