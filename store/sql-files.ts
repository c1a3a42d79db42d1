import type { DuckDBValue } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, string>();

/**
 * Loads a query kept in a `.sql` file beside the module that uses it, by name
 * (`loadSql(import.meta.url, 'complaint-rates')` reads `./sql/complaint-rates.sql`).
 */
export function loadSql(moduleUrl: string, name: string): string {
  const url = new URL(`./sql/${name}.sql`, moduleUrl);
  const key = url.href;
  let text = cache.get(key);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(url), 'utf8');
    cache.set(key, text);
  }
  return text;
}

/** Quotes an identifier that must be dynamic (a column name from a file header). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a dynamic name used as a string in SQL (a JSON key path from a file header) where no parameter can go (a
 * view).
 */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Runs a `.sql` script of several statements: DuckDB's Node client binds parameters only for
 * one statement, so each statement gets the parameters it names.
 */
export async function runScript(
  conn: { run: (sql: string, params?: Record<string, DuckDBValue>) => Promise<unknown> },
  script: string,
  params: Record<string, DuckDBValue> = {},
): Promise<void> {
  const statements = script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) {
    const used = Object.fromEntries(
      Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(statement)),
    );
    await conn.run(statement, used);
  }
}
