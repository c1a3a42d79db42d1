import { afterEach, describe, expect, it } from 'vitest';
import { ingestComplaints, ingestFile, warmLivePath } from '../../../api/services/ingest-service.js';
import { warmUpOf } from '../../../api/services/warm-up.js';
import type { WarmUpStatus } from '../../../api/schemas/warm-up.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { harbinComplaint as item, startApiFixture, type ApiFixture } from './api-fixture.js';

/**
 * A server loads the live path's state in the background once it listens (coverage marks, recent
 * complaints, then the stored-id filter): `/readyz` shows each step, and writes
 * sent meanwhile get the same answers as after it.
 */

let api: ApiFixture | undefined;
let t: TmpDb | undefined;
afterEach(async () => {
  await api?.stop();
  await t?.cleanup();
  [api, t] = [undefined, undefined];
});

async function warmUpStatus(url: string): Promise<WarmUpStatus> {
  const response = await fetch(`${url}/readyz`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { warm_up: WarmUpStatus }).warm_up;
}

describe('start-up warm-up', () => {
  it('is shown on /readyz step by step until done', async () => {
    api = await startApiFixture();
    let status = await warmUpStatus(api.url);
    expect(status.steps.map((s) => s.name)).toEqual(['live_path', 'stored_ids']);
    for (let i = 0; i < 600 && !status.done; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await warmUpStatus(api.url);
    }
    expect(status.done).toBe(true);
    for (const step of status.steps) expect(step).toMatchObject({ state: 'done', progress: 1 });
    expect(status.steps.every((s) => typeof s.ms === 'number' && s.ms >= 0)).toBe(true);
  });

  it('answers writes sent while it runs as after it: stored ids updated, new ones accepted, none twice', async () => {
    t = await openTmpDb();
    const seeded = Array.from({ length: 300 }, (_, i) => item(`seed-${i}`, i));
    await ingestFile(t.db, { kind: 'complaints', source: { records: seeded, name: 'seed' } });
    const warming = warmLivePath(t.db);
    expect(warmUpOf(t.db).status().done).toBe(false);
    // Sent at once, so they queue behind the live-path step and run while the id filter loads (or before).
    const during = Array.from({ length: 6 }, (_, k) => {
      const items = [item(`seed-${k * 40}`, 400 + k), item(`new-${k}`, 500 + k), item(`seed-${k * 40 + 1}`, 600 + k)];
      return ingestComplaints(t!.db, { items, name: 'api' });
    });
    const answers = await Promise.all(during);
    await warming;
    expect(warmUpOf(t.db).status()).toMatchObject({ done: true });
    // After it, the filter answers: a stored id written live during the warm-up is updated, not stored again.
    answers.push(await ingestComplaints(t.db, { items: [item('new-0', 700), item('new-6', 701)], name: 'api' }));
    expect(answers.map((a) => [a.accepted, a.updated])).toEqual([...Array(6).fill([1, 2]), [1, 1]]);
    const [row] = await t.db.all<{ n: number; ids: number }>(
      'SELECT count(*) AS n, count(DISTINCT complaint_id) AS ids FROM complaints',
    );
    expect([Number(row!.n), Number(row!.ids)]).toEqual([300 + 7, 300 + 7]);
  });
});
