import { afterEach, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { recordIncidentEvents } from '../../../analytics/alerts/event-log.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { burst } from './alert-fixture.js';

/** `n` bursts of six complaints, an hour apart and a degree apart: `n` incidents. */
function bursts(n: number): Record<string, unknown>[] {
  const start = Date.parse('2024-09-02T00:00:00Z');
  return Array.from({ length: n }, (_, k) =>
    burst(`B${k}`, new Date(start + k * 3_600_000).toISOString(), 'call_drop', 30 + k * 0.1, 120 + k * 0.1),
  ).flat();
}

describe('durable alert log of one write', () => {
  let t: TmpDb | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('stores every event of a write that opens many incidents, numbered in order, as returned', async () => {
    t = await openTmpDb();
    const outcome = await ingestFile(t.db, { kind: 'complaints', source: { records: bursts(40), name: 'bursts' } });
    const opened = outcome.events.filter((e) => e.type === 'incident.opened');
    expect(opened).toHaveLength(40);
    const seqs = outcome.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    const stored = await t.db.all('SELECT seq, type, incident_id, data FROM alert_events ORDER BY seq');
    expect(stored.map((r) => [Number(r.seq), r.type, r.incident_id])).toEqual(
      outcome.events.map((e) => [e.seq, e.type, e.incident_id]),
    );
    const incidents = await t.db.all('SELECT incident_id FROM incidents ORDER BY incident_id');
    expect(opened.map((e) => e.incident_id).sort()).toEqual(incidents.map((r) => r.incident_id));
    for (const [i, row] of stored.entries()) {
      expect(JSON.parse(String(row.data))).toEqual(outcome.events[i]!.incident);
    }
  }, 60_000);

  it('keeps nothing of the events of a write that fails, and numbers the next ones after', async () => {
    t = await openTmpDb();
    const first = await ingestFile(t.db, { kind: 'complaints', source: { records: bursts(2), name: 'first' } });
    const incident = first.events[0]!.incident;
    const failing = t.db.write(async (conn) => {
      await recordIncidentEvents(conn, [
        { type: 'incident.updated', incident },
        { type: 'incident.updated', incident },
      ]);
      throw new Error('the write fails after its events');
    });
    await expect(failing).rejects.toThrow('the write fails');
    expect(await t.db.all(`SELECT seq FROM alert_events WHERE type = 'incident.updated'`)).toEqual([]);
    const next = await t.db.write((conn) => recordIncidentEvents(conn, [{ type: 'incident.updated', incident }]));
    expect(next[0]!.seq).toBeGreaterThan(Math.max(...first.events.map((e) => e.seq)));
  }, 60_000);
});
