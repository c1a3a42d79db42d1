import { COMPLAINT_FIELDS } from '../../domain/complaint-fields.js';
import { TECHNOLOGIES, type Category, type Technology } from '../../domain/enums.js';
import type { BackgroundPlacer, Placement } from './background-placer.js';
import type { ComplaintMix } from './complaint-mix.js';
import { CsvFileWriter } from './csv-file-writer.js';
import { formatLocal, HOUR_MS, HOURLY_PROFILE, localHour, localMonth, LOCAL_OFFSET_MS, type Period } from './period.js';
import { Prng } from './prng.js';
import type { ScenarioComplaint } from './scenarios.js';
import { drawWorkOrder } from './work-order-fields.js';

export const GROUND_TRUTH_COLUMNS = ['complaint_id', 'scenario', 'in_cluster'] as const;

export interface ComplaintCounts {
  total: number;
  background: number;
  scenario: number;
  in_cluster: number;
  near_miss: number;
  located_by_point: number;
  located_by_cell: number;
  unlocated: number;
  in_coverage_holes: number;
  /** Background complaints the guard moved at least once, and those it had to leave unlocated. */
  moved_by_guard: number;
  unlocated_by_guard: number;
  by_technology: Record<Technology, number>;
}

export interface ComplaintStream {
  period: Period;
  mix: ComplaintMix;
  placer: BackgroundPlacer;
  /** Sorted by time. */
  scenarios: readonly ScenarioComplaint[];
  background: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

interface Row {
  t: number;
  city: string;
  category: Category;
  technology: Technology;
  lat?: number;
  lon?: number;
  cell_id?: string;
}

/**
 * Streams every complaint of the period to `path` in received_at order: background complaints
 * hour by hour (each hour's count from its month's volume and the hourly profile, times drawn
 * and sorted within the hour), with the scenario complaints merged in; scenario ids and
 * verdicts go to `truthPath`. Holds at most one hour of complaints in memory.
 */
export async function writeComplaints(
  stream: ComplaintStream,
  path: string,
  truthPath: string,
): Promise<ComplaintCounts> {
  const out = await CsvFileWriter.open(path, COMPLAINT_FIELDS);
  const truth = await CsvFileWriter.open(truthPath, GROUND_TRUTH_COLUMNS);
  const counts = emptyCounts();
  const prng = Prng.stream(stream.seed, 'complaints');
  const details = Prng.stream(stream.seed, 'work-orders');
  const total = stream.background + stream.scenarios.length;
  let next = 0;
  const emit = async (row: Row): Promise<string> => {
    const id = `CP${String(out.count + 1).padStart(8, '0')}`;
    await out.row(complaintRow(id, row, details));
    counts.total += 1;
    counts.by_technology[row.technology] += 1;
    if (out.count % 10_000 === 0) stream.onProgress?.(out.count, total);
    return id;
  };
  const emitScenariosUpTo = async (t: number): Promise<void> => {
    for (; next < stream.scenarios.length && stream.scenarios[next]!.t <= t; next += 1) {
      const s = stream.scenarios[next]!;
      await truth.row([await emit(s), s.scenario, s.inCluster]);
      tallyScenario(counts, s);
    }
  };
  for (const { start, count } of hourlyCounts(stream)) {
    const month = localMonth(start);
    for (const t of drawTimes(start, count, prng)) {
      await emitScenariosUpTo(t);
      const { city, technology } = stream.mix.drawGroup(month, prng);
      const category = stream.mix.drawCategory(technology, prng);
      const placement = stream.placer.place(t, city, technology, category);
      tallyBackground(counts, placement);
      await emit({ t, city, category, technology, ...placement });
    }
  }
  await emitScenariosUpTo(Infinity);
  await Promise.all([out.close(), truth.close()]);
  stream.onProgress?.(counts.total, total);
  return counts;
}

/**
 * The background count of every hour: weights = month volume × hourly profile, rounded cumulatively so they sum
 * exactly.
 */
function* hourlyCounts(stream: ComplaintStream): Generator<{ start: number; count: number }> {
  const { period, mix, background } = stream;
  const hours = Math.round((period.toMs - period.fromMs) / HOUR_MS);
  const weights = new Float64Array(hours);
  let sum = 0;
  for (let h = 0; h < hours; h += 1) {
    const start = period.fromMs + h * HOUR_MS;
    weights[h] = (mix.volume(localMonth(start)) * HOURLY_PROFILE[localHour(start)]!) / monthProfile(start);
    sum += weights[h]!;
  }
  let cumulative = 0;
  let emitted = 0;
  for (let h = 0; h < hours; h += 1) {
    cumulative += weights[h]!;
    const target = h === hours - 1 ? background : Math.round((background * cumulative) / sum);
    yield { start: period.fromMs + h * HOUR_MS, count: target - emitted };
    emitted = target;
  }
}

/** The hourly-profile weight of the whole local calendar month of `ms` (days × one day's profile). */
function monthProfile(ms: number): number {
  const local = new Date(ms + LOCAL_OFFSET_MS);
  const days = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  return days * HOURLY_PROFILE.reduce((a, b) => a + b, 0);
}

/** The expected complaints of the period at the base rates (the default complaint count). */
export function naturalVolume(period: Period, mix: ComplaintMix): number {
  let sum = 0;
  for (let start = period.fromMs; start < period.toMs; start += HOUR_MS) {
    sum += (mix.volume(localMonth(start)) * HOURLY_PROFILE[localHour(start)]!) / monthProfile(start);
  }
  return sum;
}

/** `count` whole-second instants in [start, start + 1 h), sorted. */
function drawTimes(start: number, count: number, prng: Prng): number[] {
  const times = Array.from({ length: count }, () => start + prng.int(3600) * 1000);
  return times.sort((a, b) => a - b);
}

function complaintRow(id: string, row: Row, details: Prng): (string | number | boolean | undefined)[] {
  const order = drawWorkOrder(row.t, row.category, details);
  return [
    id,
    formatLocal(row.t),
    row.city,
    row.category,
    row.technology,
    row.lat?.toFixed(6),
    row.lon?.toFixed(6),
    row.cell_id,
    order.repliedAt === undefined ? undefined : formatLocal(order.repliedAt),
    order.resolvedAt === undefined ? undefined : formatLocal(order.resolvedAt),
    order.resolution,
    order.satisfied,
  ];
}

function emptyCounts(): ComplaintCounts {
  return {
    total: 0,
    background: 0,
    scenario: 0,
    in_cluster: 0,
    near_miss: 0,
    located_by_point: 0,
    located_by_cell: 0,
    unlocated: 0,
    in_coverage_holes: 0,
    moved_by_guard: 0,
    unlocated_by_guard: 0,
    by_technology: Object.fromEntries(TECHNOLOGIES.map((t) => [t, 0])) as Record<Technology, number>,
  };
}

function tallyBackground(counts: ComplaintCounts, p: Placement): void {
  counts.background += 1;
  if (p.located === 'point') counts.located_by_point += 1;
  else if (p.located === 'cell') counts.located_by_cell += 1;
  else counts.unlocated += 1;
  if (p.inHole) counts.in_coverage_holes += 1;
  if (p.retries > 0) counts.moved_by_guard += 1;
  if (p.retries > 0 && p.located === 'none') counts.unlocated_by_guard += 1;
}

function tallyScenario(counts: ComplaintCounts, s: ScenarioComplaint): void {
  counts.scenario += 1;
  counts.located_by_point += 1;
  if (s.inCluster) counts.in_cluster += 1;
  else counts.near_miss += 1;
}
