import { gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInHex } from '../../helpers/ingest-rows.js';
import { postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

const HOUR = 3_600_000;
const AT = Date.parse('2024-07-29T12:00:00Z');
const TOWN = gridDisk(latLngToCell(30.2741, 120.1551, 8), 2);
const VILLAGE = latLngToCell(30.5, 120.6, 8);

function at(id: string, h3: string, t: number): Record<string, unknown> {
  return complaintInHex(id, h3, t, { city: 'Hangzhou', category: 'no_signal' });
}

/** A town's no_signal complaints over 28 days, a village with one a week, then five in its last hour. */
function scenario(): Record<string, unknown>[] {
  const town = Array.from({ length: 400 }, (_, i) =>
    at(`T-${i}`, TOWN[(i * 7) % TOWN.length]!, AT - 3 * HOUR - ((i * 7919) % (27 * 24)) * HOUR - (i % 50) * 60_000),
  );
  const weekly = Array.from({ length: 4 }, (_, w) => at(`V-${w}`, VILLAGE, AT - (w + 1) * 7 * 24 * HOUR));
  const burst = Array.from({ length: 5 }, (_, i) => at(`VB-${i}`, VILLAGE, AT - 40 * 60_000 + i * 10 * 60_000));
  return [...town, ...weekly, ...burst];
}

async function readEvents(url: string, until: (text: string) => boolean, ms: number): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { 'last-event-id': '0' }, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const stop = Date.now() + ms;
  // One read in flight at a time: a read that loses the race to the clock is kept for the next turn.
  let pending = reader.read();
  try {
    while (!until(text) && Date.now() < stop) {
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
      if (chunk === null) continue;
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
      pending = reader.read();
    }
  } finally {
    pending.catch(() => undefined); // the read left in flight ends with the abort
    controller.abort();
  }
  return text;
}

describe('GET /v1/signals and the background scan', () => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await startApiFixture({
      scanSchedule: true,
      scanEveryMs: 0,
      scanDebounceMs: 20,
      scanReplicates: 999,
      signalThresholdDays: 10,
    });
    const response = await postJson(`${api.url}/v1/complaints`, scenario());
    expect(response.status).toBe(200);
  });
  afterAll(() => api.stop());

  it('sends signal.detected for the village burst once a write has settled, without an incident', async () => {
    const text = await readEvents(`${api.url}/v1/alerts/stream`, (t) => t.includes('event: signal.detected'), 20_000);
    const block = text.split('\n\n').find((b) => b.includes('event: signal.detected'));
    expect(block).toBeDefined();
    const signal = JSON.parse(
      block!
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(signal).toMatchObject({ category: 'no_signal', status: 'new', incident_ids: [] });
    expect(signal.hexes).toContain(VILLAGE);
    expect(signal.recurrence_interval_days).toBeGreaterThan(10);
  });

  it('answers the stored analysis as JSON and CSV, SPEC §11 fields', async () => {
    await api.server.app.scan.trigger();
    const response = await fetch(`${api.url}/v1/signals?category=no_signal&replicates=999`);
    expect(response.status).toBe(200);
    const signals = await response.json();
    expect(Object.keys(signals[0]).sort()).toEqual(
      [
        'category',
        'end',
        'expected',
        'hexes',
        'incident_ids',
        'llr',
        'observed',
        'p_value',
        'recurrence_interval_days',
        'signal_id',
        'start',
        'status',
      ].sort(),
    );
    const village = signals.find((s: { hexes: string[] }) => s.hexes.includes(VILLAGE));
    expect(village.p_value).toBeLessThanOrEqual(0.01);
    expect(village.recurrence_interval_days).toBeCloseTo(1 / (village.p_value * 24), 9);
    const csv = await (await fetch(`${api.url}/v1/signals?category=no_signal&replicates=999&format=csv`)).text();
    expect(csv.split('\n')[0]).toBe(
      'signal_id,category,start,end,observed,expected,llr,p_value,recurrence_interval_days,status,hexes,incident_ids',
    );
    expect(csv).toContain(village.signal_id);
  });

  it('refuses too few replicates and a bad time with a 400, never a 5xx', async () => {
    for (const query of ['replicates=99', 'at=yesterday', 'category=noise']) {
      const response = await fetch(`${api.url}/v1/signals?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toHaveProperty('code');
    }
  });

  it('gives every incident a significance field', async () => {
    const incidents = await (await fetch(`${api.url}/v1/incidents`)).json();
    for (const incident of incidents) expect(incident).toHaveProperty('significance');
  });
});

describe('shutting down during a background analysis', () => {
  it('stops the scan workers and closes without waiting for the analysis to finish', async () => {
    const api = await startApiFixture({
      scanSchedule: true,
      scanEveryMs: 0,
      scanDebounceMs: 0,
      scanReplicates: 99_999,
    });
    await postJson(`${api.url}/v1/complaints`, scenario());
    // 99,999 replicates of seven categories: tens of seconds of work the shutdown must not wait for.
    const analysis = api.server.app.scan.trigger();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await api.stop();
    await analysis;
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
