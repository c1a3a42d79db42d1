#!/usr/bin/env node
// Copies the files the compiled code loads by path (SQL, plain-JS workers, reference CSVs) from the
// source tree into dist/, beside the JavaScript tsc wrote, so `new URL('./x.sql', import.meta.url)`
// finds them from either tree.
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const LAYERS = ['domain', 'store', 'ingest', 'analytics', 'api', 'notebooks', 'datasets'];
const SKIP = new Set(['dashboard', 'sample', 'node_modules']);
const ASSET = /\.(sql|js|csv)$/;

function assetsUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP.has(name) ? [] : assetsUnder(path);
    return ASSET.test(name) ? [path] : [];
  });
}

let copied = 0;
for (const layer of LAYERS) {
  for (const source of assetsUnder(join(ROOT, layer))) {
    const target = join(ROOT, 'dist', relative(ROOT, source));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    copied += 1;
  }
}
console.error(`cellpulse: copied ${copied} SQL/JS/CSV assets into dist/`);
