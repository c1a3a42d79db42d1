import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { convertOpenCellId } from '../../../datasets/opencellid.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

const SHARED = '/work/shared/datasets/';
let t: TmpDb | undefined;
afterAll(async () => t?.cleanup());

describe('convertOpenCellId', () => {
  it('turns real OpenCellID rows into a sites CSV that ingests without a rejected row', async () => {
    t = await openTmpDb();
    const lines = gunzipSync(readFileSync(`${SHARED}opencellid_uk_234.csv.gz`))
      .toString('utf8')
      .split('\n');
    // A slice with every radio: the export is grouped by radio, so take some of each.
    const picked = ['GSM', 'UMTS', 'LTE', 'NR'].flatMap((radio) =>
      lines.filter((l) => l.startsWith(`${radio},`)).slice(0, 50),
    );
    const input = join(t.dir, 'ocid.csv');
    writeFileSync(input, `${picked.join('\n')}\n`);
    const output = join(t.dir, 'sites.csv');
    expect(
      await convertOpenCellId({
        input,
        output,
        cities: `${SHARED}simplemaps_worldcities_basic.csv`,
        country: 'United Kingdom',
      }),
    ).toBe(200);
    expect(await ingestFile(t.db, { kind: 'sites', source: { path: output, format: 'csv' } })).toMatchObject({
      accepted: 200,
      rejected: 0,
    });
    const rows = await t.db.all<{ technology: string; n: bigint }>(
      'SELECT technology, count(*) AS n FROM cell_sites GROUP BY ALL ORDER BY ALL',
    );
    expect(rows.map((r) => [r.technology, Number(r.n)])).toEqual([
      ['GSM', 50],
      ['LTE', 50],
      ['NR', 50],
      ['WCDMA', 50],
    ]);
    const [elsewhere] = await t.db.all<{ n: bigint }>(
      'SELECT count(*) AS n FROM cell_sites WHERE city NOT IN (SELECT city_ascii ' +
        "FROM read_csv($p, all_varchar = true) WHERE country = 'United Kingdom')",
      { p: `${SHARED}simplemaps_worldcities_basic.csv` },
    );
    expect(Number(elsewhere?.n)).toBe(0);
  });
});
