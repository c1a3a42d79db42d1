import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonArrayChunks } from '../../../api/formats/json-chunks.js';
import { Database } from '../../../store/database.js';
import { readRows, readValue } from '../../../store/row-reader.js';

let dir: string;
let db: Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellpulse-rows-'));
  db = await Database.open(join(dir, 'rows.duckdb'), { settings: { timeZone: 'Asia/Shanghai' } });
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every value of a decoded row, however deep, with the type JSON would see. */
function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [value];
}

describe('the store decodes every value once', () => {
  it('turns wide integers into numbers while safe and into text beyond, timestamps into UTC ISO text', async () => {
    const [row] = await db.all(`SELECT count(*) AS n, 42::HUGEINT AS huge, 7::UBIGINT AS unsigned,
      9007199254740991::BIGINT AS safe, 9007199254740993::BIGINT AS unsafe, -9007199254740993::HUGEINT AS negative,
      TIMESTAMPTZ '2026-10-05 10:00:00+08' AS at, epoch_ms(TIMESTAMPTZ '2026-10-05 10:00:00+08') AS ms,
      NULL::BIGINT AS nothing, 1.5::DECIMAL(4, 1) AS decimal, 'x' AS text`);
    expect(row).toEqual({
      n: 1,
      huge: 42,
      unsigned: 7,
      safe: 9007199254740991,
      unsafe: '9007199254740993',
      negative: '-9007199254740993',
      at: '2026-10-05T02:00:00.000Z',
      ms: 1_791_165_600_000,
      nothing: null,
      decimal: 1.5,
      text: 'x',
    });
  });

  it('decodes inside lists, structs and maps, so the rows serialise without a replacer', async () => {
    const rows = await db.use((conn) =>
      readRows(
        conn,
        `SELECT [1::BIGINT, 2::BIGINT] AS ids,
      {'n': 3::BIGINT, 'at': TIMESTAMPTZ '2026-01-01 00:00:00+00'} AS s,
      map_entries(histogram(x)) AS mix, [TIMESTAMPTZ '2026-01-01 08:00:00+08'] AS times
      FROM (SELECT unnest(['LTE', 'LTE', 'NR']) AS x)`,
      ),
    );
    expect(rows[0]).toEqual({
      ids: [1, 2],
      s: { n: 3, at: '2026-01-01T00:00:00.000Z' },
      mix: [
        { key: 'LTE', value: 2 },
        { key: 'NR', value: 1 },
      ],
      times: ['2026-01-01T00:00:00.000Z'],
    });
    const types = new Set(leaves(rows).map((v) => typeof v));
    expect(types.has('bigint')).toBe(false);
    expect(types.has('object')).toBe(false);
    expect(JSON.parse([...jsonArrayChunks(rows)].join(''))).toEqual(rows);
  });

  it('reads one value, null when there is no row', async () => {
    expect(await db.use((conn) => readValue(conn, 'SELECT sum(x) FROM range(10) t(x)'))).toBe(45);
    expect(await db.use((conn) => readValue(conn, 'SELECT 1 WHERE false'))).toBeNull();
  });

  it('leaves a bigint to fail loudly in the JSON writer: nothing converts behind the store', () => {
    expect(() => [...jsonArrayChunks([{ n: 1n }])]).toThrow(TypeError);
  });
});
