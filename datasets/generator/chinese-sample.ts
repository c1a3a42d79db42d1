import { DuckDBInstance, mapValue } from '@duckdb/node-api';
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { InputKind } from '../../domain/enums.js';
import { ALIASED_FIELDS, CANONICAL_VALUES, chineseAlias, type AliasedField } from '../../domain/value-aliases.js';
import { FIELDS } from '../../ingest/columns.js';
import { quoteIdent, quoteLiteral } from '../../store/sql-files.js';

/** How each timestamp column is spelled, as operators' systems do: `2026年10月5日 10:00:00`, `2026/10/5 10:00:00`. */
const TIME_FORMS: Record<string, string> = {
  received_at: '\\1年\\2月\\3日 \\4',
  starts_at: '\\1年\\2月\\3日 \\4',
  replied_at: '\\1/\\2/\\3 \\4',
  ends_at: '\\1/\\2/\\3 \\4',
  resolved_at: '\\1-\\2-\\3 \\4',
};
/** The generator's timestamps: local Heilongjiang time with its +08:00 offset (dropped: local in the database). */
const GENERATED_TIME = String.raw`^(\d{4})-0?(\d+)-0?(\d+)T([0-9:]+)\+08:00$`;

/**
 * Rewrites a generated English CSV of `kind` as a Chinese back office exports it: Chinese
 * column names (ingest/columns.ts), Chinese values (domain/value-aliases.ts) and Chinese date
 * forms, still UTF-8 (`target`). DuckDB reads and writes the CSV, so quoting stays right.
 */
export async function toChineseCsv(kind: InputKind, source: string, target: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const params: Record<string, ReturnType<typeof mapValue>> = {};
    const columns = FIELDS[kind].map((spec) => {
      const header = quoteIdent(spec.aliases.find((a) => /\P{ASCII}/u.test(a)) ?? spec.name);
      const column = quoteIdent(spec.name);
      if ((ALIASED_FIELDS as readonly string[]).includes(spec.name)) {
        params[spec.name] = chineseMap(spec.name as AliasedField);
        return `coalesce(map_extract_value($${spec.name}, ${column}), ${column}) AS ${header}`;
      }
      const form = TIME_FORMS[spec.name];
      const generated = quoteLiteral(GENERATED_TIME);
      const time = `regexp_replace(${column}, ${generated}, ${quoteLiteral(form ?? '')}) AS ${header}`;
      if (form !== undefined) return time;
      return `${column} AS ${header}`;
    });
    const present = await columnNames(conn, source);
    const wanted = columns.filter((_, i) => present.has(FIELDS[kind][i]!.name));
    // COPY takes no parameter for its target: the path (ours) is written in, quoted.
    await conn.run(
      `COPY (SELECT ${wanted.join(', ')} FROM read_csv($source, all_varchar = true, header = true))
       TO ${quoteLiteral(target)} (FORMAT csv, HEADER)`,
      { source, ...params },
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function chineseMap(field: AliasedField): ReturnType<typeof mapValue> {
  const entries = CANONICAL_VALUES[field].map((canonical) => ({
    key: canonical,
    value: chineseAlias(field, canonical),
  }));
  return mapValue(entries);
}

async function columnNames(conn: Awaited<ReturnType<DuckDBInstance['connect']>>, source: string): Promise<Set<string>> {
  const described =
    'SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv($source, all_varchar = true, header = true))';
  const rows = (await conn.runAndReadAll(described, { source })).getColumnsJS()[0];
  return new Set((rows ?? []).map(String));
}

/** Streams a UTF-8 file into `encoding` (iconv-lite's encoder), e.g. GBK as Excel writes on a Chinese Windows. */
export async function encodeFile(source: string, target: string, encoding: string): Promise<void> {
  const out = createWriteStream(target);
  const encoder = iconv.getEncoder(encoding);
  const text = createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>;
  for await (const chunk of text) {
    if (!out.write(encoder.write(chunk))) await once(out, 'drain');
  }
  const rest = encoder.end();
  out.end(rest && rest.length > 0 ? rest : undefined);
  await finished(out);
}

/** Rewrites the CSV files of a generated set in place as Chinese GBK files (`cellpulse demo --zh`). */
export async function chineseGbkDataset(files: Partial<Record<InputKind, string>>): Promise<void> {
  for (const [kind, path] of Object.entries(files) as [InputKind, string][]) {
    const utf8 = `${path}.zh-utf8.tmp`;
    await toChineseCsv(kind, path, utf8);
    await encodeFile(utf8, path, 'gbk');
    rmSync(utf8, { force: true });
  }
}
