#!/usr/bin/env node
// Fails when a line of a source file is longer than 120 characters. The formatter wraps code but
// never splits a string, a template, a comment or SQL, and it does not read .sql files at all, so
// this check covers every file a person writes code in: TypeScript, JavaScript, SQL, HTML, CSS and
// the CI script. Data and prose are left out: CSV/NDJSON fixtures, bench results, lock file, Markdown.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAX = 120;
const SOURCE = /\.(ts|js|mjs|cjs|sql|html|css)$/;
const SCRIPTS = new Set(['.ci/run']);
process.chdir(fileURLToPath(new URL('../', import.meta.url)));

/** Tracked files plus new ones not yet added (ignored files excluded), relative to the repository root. */
function sourceFiles() {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(listed.split('\0'))].filter((path) => SOURCE.test(path) || SCRIPTS.has(path));
}

/** `path:line: N characters` for each long line; characters are Unicode code points (a CJK character is one). */
function longLines(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return []; // deleted in the work tree but not yet in the index
    throw error;
  }
  return text.split('\n').flatMap((line, i) => {
    const length = [...line].length;
    return length > MAX ? [`${path}:${i + 1}: ${length} characters (max ${MAX})`] : [];
  });
}

const found = sourceFiles().flatMap(longLines);
for (const message of found) console.error(message);
if (found.length > 0) {
  console.error(`${found.length} line(s) longer than ${MAX} characters: wrap them (npm run format wraps code).`);
  process.exit(1);
}
