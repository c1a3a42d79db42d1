import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../api/services/load-dataset.js';
import { generateDataset } from '../../../datasets/generator/generate-dataset.js';
import { makeTmpDir, openTmpDb, removeDir, type TmpDb } from '../../helpers/tmp-db.js';
import { flaggedComplaints, readGroundTruth, sorted } from './ground-truth-check.js';

let dir: string | undefined;
let t: TmpDb | undefined;
afterAll(async () => {
  await t?.cleanup();
  if (dir) removeDir(dir);
});

describe('a large generated set (200k complaints in one month, ~35× the realistic volume)', () => {
  it('still flags exactly the ground-truth in_cluster complaints, with no rejected rows', {
    timeout: 180_000,
  }, async () => {
    dir = makeTmpDir('cellpulse-dataset-large-');
    const summary = await generateDataset({ out: dir, seed: 5, complaints: 200_000 });
    // The background is dense enough that the guard has to move many complaints, so the rule is exercised.
    expect(summary.complaints.moved_by_guard).toBeGreaterThan(1000);
    t = await openTmpDb();
    const loaded = await loadDataset(t.db, dir);
    expect(loaded.complaints).toMatchObject({ accepted: 200_000, rejected: 0 });
    const truth = readGroundTruth(dir);
    expect(sorted(await flaggedComplaints(t.db))).toEqual(sorted(truth.inCluster));
  });
});
