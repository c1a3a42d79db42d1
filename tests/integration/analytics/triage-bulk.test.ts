import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retriage } from '../../../analytics/triage/triage-complaints.js';
import { loadDataset } from '../../../api/services/load-dataset.js';
import { generateDataset } from '../../../datasets/generator/generate-dataset.js';
import { makeTmpDir, openTmpDb, removeDir, type TmpDb } from '../../helpers/tmp-db.js';

// More complaints than BULK_WRITE (triage-complaints.ts): the file path's plans for big writes run.
const COMPLAINTS = 12_000;

let dir: string;
let t: TmpDb;

beforeAll(async () => {
  dir = makeTmpDir('cellpulse-triage-bulk-');
  await generateDataset({ out: dir, complaints: COMPLAINTS });
  t = await openTmpDb();
  await loadDataset(t.db, dir);
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
  removeDir(dir);
});

describe('triage of a big file (the plans for many complaints)', () => {
  it('stores the routes re-triage gives: re-triaging every complaint changes none', async () => {
    const routes = await t.db.all('SELECT route, count(*) AS n FROM complaints GROUP BY route');
    const seen = new Set(routes.map((r) => r.route));
    for (const route of ['maintenance', 'reply_planned', 'priority', 'escalate', 'construction', 'optimisation']) {
      expect(seen).toContain(route);
    }
    expect(seen).not.toContain(null);
    expect(await t.db.write((conn) => retriage(conn, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'))).toBe(0);
  });

  it('routes every cluster member to priority/escalate or by a rule above those, and no one else', async () => {
    const rows = await t.db.all(`SELECT m.incident_id IS NOT NULL AS member, c.route, count(*) AS n
      FROM complaints c LEFT JOIN cluster_members m USING (complaint_id) GROUP BY ALL`);
    const clusterRoutes = ['priority', 'escalate'];
    const above = ['maintenance', 'reply_planned', 'reply_no_investment'];
    const members = rows.filter((r) => r.member);
    expect(members.some((r) => clusterRoutes.includes(String(r.route)))).toBe(true);
    for (const r of members) expect([...clusterRoutes, ...above]).toContain(r.route);
    for (const r of rows.filter((x) => !x.member)) expect(clusterRoutes).not.toContain(r.route);
  });
});
