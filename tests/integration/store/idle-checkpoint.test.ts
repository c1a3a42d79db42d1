import { existsSync, statSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { complaintRow } from '../../helpers/ingest-rows.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';

const t = tmpDbPerTest();

const walBytes = (path: string): number => (existsSync(`${path}.wal`) ? statSync(`${path}.wal`).size : 0);

/** Polls `predicate` every 50 ms for up to `ms`; answers whether it came true. */
async function eventually(predicate: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50)))
    if (predicate()) return true;
  return predicate();
}

it('folds the WAL into the file once writes pause, so a restart after a kill has little to replay', async () => {
  await ingestFile(t.db, {
    kind: 'complaints',
    source: { records: [complaintRow('W-1'), complaintRow('W-2')], name: 'test' },
  });
  expect(walBytes(t.path)).toBeGreaterThan(0);
  expect(await eventually(() => walBytes(t.path) === 0, 10_000)).toBe(true);
  expect((await t.db.all('SELECT complaint_id FROM complaints ORDER BY 1')).map((r) => r.complaint_id)).toEqual([
    'W-1',
    'W-2',
  ]);
});
