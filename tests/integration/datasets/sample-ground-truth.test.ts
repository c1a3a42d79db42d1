import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../api/services/load-dataset.js';
import { generateDataset, type DatasetSummary } from '../../../datasets/generator/generate-dataset.js';
import { DATA_TABLES, dumpTable } from '../../helpers/table-dump.js';
import { makeTmpDir, openTmpDb, removeDir, type TmpDb } from '../../helpers/tmp-db.js';
import { flaggedComplaints, readGroundTruth, sorted, storedMembers, type GroundTruth } from './ground-truth-check.js';

let dir: string;
let t: TmpDb;
let summary: DatasetSummary;
let truth: GroundTruth;
let loaded: Awaited<ReturnType<typeof loadDataset>>;

beforeAll(async () => {
  dir = makeTmpDir('cellpulse-dataset-');
  summary = await generateDataset({ out: dir });
  truth = readGroundTruth(dir);
  t = await openTmpDb();
  loaded = await loadDataset(t.db, dir);
});

afterAll(async () => {
  await t?.cleanup();
  removeDir(dir);
});

describe('the default sample, ingested', () => {
  it('loads every row of every file, none rejected', () => {
    expect(Object.keys(loaded).sort()).toEqual(['complaints', 'events', 'sites', 'subscribers']);
    for (const outcome of Object.values(loaded)) expect(outcome).toMatchObject({ rejected: 0, updated: 0 });
    expect(loaded.complaints?.accepted).toBe(summary.complaints.total);
    expect(loaded.sites?.accepted).toBe(summary.cells);
  });

  it('has both positive scenarios and near misses', () => {
    expect(truth.inCluster.size).toBeGreaterThanOrEqual(50);
    expect(truth.nearMiss.size).toBeGreaterThanOrEqual(50);
    expect(new Set(truth.scenarios.values()).size).toBe(11);
  });

  it('the batch detector flags exactly the ground-truth in_cluster complaints (recall, precision 100%)', async () => {
    const flagged = await flaggedComplaints(t.db);
    expect(sorted(flagged)).toEqual(sorted(truth.inCluster));
    expect([...truth.nearMiss].filter((id) => flagged.has(id))).toEqual([]);
  });

  it('the incidents stored by the ingest hold exactly the same complaints', async () => {
    expect(sorted(await storedMembers(t.db))).toEqual(sorted(truth.inCluster));
  });

  it('locates most complaints by point, some by cell only, about 1% not at all', async () => {
    const rows = await t.db.all<{ located_by: string | null; n: bigint }>(
      'SELECT located_by, count(*) AS n FROM complaints GROUP BY ALL',
    );
    const share = Object.fromEntries(rows.map((r) => [String(r.located_by), Number(r.n) / summary.complaints.total]));
    expect(share.point).toBeGreaterThan(0.85);
    expect(share.cell).toBeGreaterThan(0.05);
    expect(share.null).toBeGreaterThan(0.005);
    expect(share.null).toBeLessThan(0.02);
  });
});

describe('the default sample, as rates and KPIs', () => {
  /** Σcomplaints / Σsubscribers × 10,000 per technology over the groups that have a subscriber count (SPEC §4). */
  async function ratesByTechnology(): Promise<Record<string, number>> {
    const rows = await t.db.all<{ technology: string; rate: number }>(
      `WITH c AS (SELECT city, technology, strftime(received_at, '%Y-%m') AS month, count(*) AS n FROM complaints
        GROUP BY ALL)
       SELECT c.technology, sum(c.n) / sum(s.subscribers) * 10000 AS rate
       FROM c JOIN subscribers s USING (city, technology, month) GROUP BY c.technology`,
    );
    return Object.fromEntries(rows.map((r) => [r.technology, Number(r.rate)]));
  }

  it("per-technology complaint rates per 10k subscribers lie in the seed plan's ranges", async () => {
    const rates = await ratesByTechnology();
    expect(rates.GSM).toBeGreaterThanOrEqual(1);
    expect(rates.GSM).toBeLessThanOrEqual(3);
    expect(rates.WCDMA).toBeGreaterThanOrEqual(3);
    expect(rates.WCDMA).toBeLessThanOrEqual(16);
    expect(rates.LTE).toBeGreaterThanOrEqual(2);
    expect(rates.LTE).toBeLessThanOrEqual(8);
    expect(rates.NR).toBeGreaterThanOrEqual(2);
    expect(rates.NR).toBeLessThanOrEqual(6);
  });

  it('leaves Da Hinggan Ling NR with complaints but no subscriber count (a null rate)', async () => {
    const [row] = await t.db.all<{ complaints: bigint; subscribers: bigint }>(
      `SELECT (SELECT count(*) FROM complaints WHERE city = $city AND technology = 'NR') AS complaints,
              (SELECT count(*) FROM subscribers WHERE city = $city AND technology = 'NR') AS subscribers`,
      { city: 'Da Hinggan Ling' },
    );
    expect(Number(row?.complaints)).toBeGreaterThan(0);
    expect(Number(row?.subscribers)).toBe(0);
  });

  it('counts the first local hours of October (UTC still September) in 2026-10', async () => {
    const [row] = await t.db.all<{ local: bigint; utc_september: bigint }>(
      `SELECT count(*) FILTER (WHERE strftime(received_at, '%Y-%m') = '2026-10') AS local,
              count(*) FILTER (WHERE strftime(timezone('UTC', received_at), '%Y-%m') = '2026-09') AS utc_september
       FROM complaints`,
    );
    expect(Number(row?.local)).toBe(summary.complaints.total);
    expect(Number(row?.utc_september)).toBeGreaterThan(0);
  });

  it('replies mostly within 24 h, some late, some never; most complaints resolved', async () => {
    const [row] = await t.db.all<{ on_time: number; late: number; never: number; resolved: number }>(
      `SELECT avg((replied_at - received_at <= INTERVAL 24 HOUR)::INT) FILTER
        (WHERE replied_at IS NOT NULL) * count(replied_at) / count(*) AS on_time,
              avg((replied_at - received_at > INTERVAL 24 HOUR)::INT) FILTER
                (WHERE replied_at IS NOT NULL) * count(replied_at) / count(*) AS late,
              1 - count(replied_at) / count(*) AS never,
              avg((resolution <> 'unresolved' AND resolved_at IS NOT NULL)::INT) AS resolved
       FROM complaints`,
    );
    expect(Number(row?.on_time)).toBeGreaterThan(0.85);
    expect(Number(row?.late)).toBeGreaterThan(0.03);
    expect(Number(row?.never)).toBeGreaterThan(0.01);
    expect(Number(row?.resolved)).toBeGreaterThan(0.85);
  });

  // Last: it ingests the sample a second time.
  it('ingesting the sample again leaves every data table and the incidents as they were', async () => {
    const dump = async (): Promise<unknown[]> => [
      ...(await Promise.all(DATA_TABLES.map((table) => dumpTable(t.db, table, ['run_id'])))),
      await dumpTable(t.db, 'incidents'),
      await dumpTable(t.db, 'cluster_members'),
    ];
    const before = await dump();
    const again = await loadDataset(t.db, dir);
    expect(again.complaints).toMatchObject({ accepted: 0, updated: loaded.complaints!.accepted, rejected: 0 });
    expect(await dump()).toEqual(before);
  });
});
