import type { ClusterComplaint } from '../domain/incident.js';
import { Database } from '../store/database.js';
import { StreamDetector } from '../analytics/clusters/index.js';
import { loadAllComplaints } from './cluster-detector.js';
import { runCase } from './harness/child-case.js';
import { stringArg, type CaseArgs, type Measured } from './harness/case-types.js';
import { interleave, statusText, type Summary } from './harness/interleave.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatCount, formatMb, formatRatio, sizeLabel } from './harness/stats.js';

export const STREAM_TARGET_US = 5;
const HOUR_MS = 3_600_000;
/** stateSize() is sampled this often (it is part of the timed loop, as a live service would call it). */
const SAMPLE_EVERY = 4096;

/** The largest number of complaints in any 60-minute window: what "state bounded by the last hour" allows. */
function maxPerHour(complaints: readonly ClusterComplaint[]): number {
  let best = 0;
  for (let hi = 0, lo = 0; hi < complaints.length; hi += 1) {
    while (complaints[hi]!.t - complaints[lo]!.t >= HOUR_MS) lo += 1;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** cellpulse: every located complaint pushed in time order into one StreamDetector. */
async function streamCellpulse(args: CaseArgs): Promise<Measured> {
  const db = await Database.open(stringArg(args, 'db'));
  const { complaints } = await db.use(loadAllComplaints);
  await db.close();
  const stream = new StreamDetector();
  let maxState = 0;
  const started = performance.now();
  for (let i = 0; i < complaints.length; i += 1) {
    stream.push(complaints[i]!);
    if (i % SAMPLE_EVERY === 0) maxState = Math.max(maxState, stream.stateSize());
  }
  const ms = performance.now() - started;
  const finalState = stream.stateSize();
  return { ms, rows: complaints.length, usPerComplaint: (ms * 1000) / complaints.length, maxState: Math.max(maxState, finalState), finalState, maxPerHour: maxPerHour(complaints) };
}

export const streamingCases = { 'stream-cellpulse': streamCellpulse };

export interface StreamRecord {
  size: number;
  stream: Summary;
  batch: Summary;
  usPerComplaint?: number;
  batchUsPerComplaint?: number;
}

const HEADERS = ['size', 'stream push total', 'µs/complaint', 'peak RSS', 'max state', 'final state', 'max complaints in 1 h', 'batch detect µs/complaint', 'stream / batch'];

/** 3. Streaming detection: µs per complaint and state size, vs the batch detector's per-complaint cost. */
export async function runStreamingBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection('streaming', '3. Streaming detection (StreamDetector.push in time order) vs batch per-complaint cost', HEADERS);
  for (const size of ctx.sizes) {
    const db = (await ctx.loaded(size)).path;
    const label = `streaming ${sizeLabel(size)}`;
    const [stream, batch] = await interleave(ctx.repeatsFor(size), [
      { label: `${label} stream`, run: () => runCase('stream-cellpulse', { db }) },
      { label: `${label} batch`, run: () => runCase('detect-cellpulse', { db }) },
    ], ctx.log);
    const record = streamRecord(size, stream!, batch!);
    section.records.push(record);
    section.rows.push(streamRow(record));
    section.targets.push(
      {
        name: `streaming ${sizeLabel(size)}: cost per complaint`,
        goal: `< ${STREAM_TARGET_US} µs`,
        measured: record.usPerComplaint === undefined ? statusText(stream!) : `${record.usPerComplaint.toFixed(2)} µs`,
        met: record.usPerComplaint === undefined ? null : record.usPerComplaint < STREAM_TARGET_US,
        profile: { caseName: 'stream-cellpulse', args: { db }, size },
      },
      {
        name: `streaming ${sizeLabel(size)}: state bounded by the last hour`,
        goal: 'max state ≤ max complaints in any hour',
        measured: stream!.measured ? `${formatCount(Number(stream!.measured.maxState))} vs ${formatCount(Number(stream!.measured.maxPerHour))}` : statusText(stream!),
        met: stream!.measured ? Number(stream!.measured.maxState) <= Number(stream!.measured.maxPerHour) : null,
      },
    );
  }
  section.notes.push(
    `Complaints are loaded first (untimed), then pushed one by one in time order; \`stateSize()\` is sampled every ${SAMPLE_EVERY} pushes. "max complaints in 1 h" is the most located complaints in any 60-minute window of the data — the bound a last-hour state must stay under (if stateSize() counts complaints).`,
    'batch = the same `detect-cellpulse` case as section 2 (detect time only, per complaint), run interleaved with the stream runs.',
  );
  return section;
}

function streamRecord(size: number, stream: Summary, batch: Summary): StreamRecord {
  const record: StreamRecord = { size, stream, batch };
  if (stream.measured) record.usPerComplaint = Number(stream.measured.usPerComplaint);
  const rows = Number(batch.measured?.rows);
  if (batch.measured && rows > 0) record.batchUsPerComplaint = (Number(batch.measured.detectMs) * 1000) / rows;
  return record;
}

function streamRow(r: StreamRecord): string[] {
  const m = r.stream.measured ?? {};
  const us = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(2));
  return [
    sizeLabel(r.size), statusText(r.stream), us(r.usPerComplaint), formatMb(r.stream.rssMb),
    m.maxState === undefined ? '—' : formatCount(Number(m.maxState)), m.finalState === undefined ? '—' : formatCount(Number(m.finalState)),
    m.maxPerHour === undefined ? '—' : formatCount(Number(m.maxPerHour)),
    r.batch.status === 'ok' ? us(r.batchUsPerComplaint) : statusText(r.batch),
    r.usPerComplaint !== undefined && r.batchUsPerComplaint !== undefined ? formatRatio(r.usPerComplaint / r.batchUsPerComplaint) : '—',
  ];
}
