import { createHash } from 'node:crypto';
import { listIncidents } from '../clusters/incidents/incident-reader.js';
import { CATEGORIES, type Category } from '../../domain/enums.js';
import type { Signal } from '../../domain/signal.js';
import type { Database } from '../../store/database.js';
import { loadScanInputs, newestComplaint, timeInZone } from './load-scan-input.js';
import { SCAN_WINDOWS_HOURS, type ScanInput } from './scan-problem.js';
import { ScanWorkers } from './scan-workers.js';
import {
  analysisId,
  findAnalysis,
  readSignals,
  saveAnalyses,
  type Analysis,
  type IncidentSignificance,
} from './signal-store.js';
import { spaceTimeScan, type ScanCluster, type ScanIncident, type ScanResult } from './space-time-scan.js';

const HOUR = 3_600_000;
const LONGEST = SCAN_WINDOWS_HOURS[SCAN_WINDOWS_HOURS.length - 1]! * HOUR;

export interface ScanRequest {
  /** ISO-8601 analysis time; default the newest complaint. */
  at?: string;
  /** One category; default every category, each analysed on its own. */
  category?: Category;
  /** Monte Carlo replicates (default 999). */
  replicates?: number;
  /** Seed of the replicates (default 2005); each category mixes in its own stream. */
  seed?: number;
  /** Scheduled analyses per day, for the recurrence interval (default 24: hourly). */
  analysesPerDay?: number;
  /** Reuse a stored analysis with the same replicates and seed instead of running it again (default true). */
  reuse?: boolean;
  /** Store the analyses it runs (default true; read routes only read). */
  store?: boolean;
  /**
   * Store a `signal.detected` alert for each new signal no incident covers whose recurrence
   * interval exceeds this many days (the server's schedule; default: no alerts).
   */
  alertAboveDays?: number;
  workers?: ScanWorkers;
}

/** Signals of one run, with what a scheduler needs to alert on them. */
export interface ScanRun {
  /** Analysis time, epoch ms (null: no complaints at all). */
  at: number | null;
  signals: Signal[];
  /** Whether the analyses were run now (false: read back from the store). */
  ran: boolean;
}

export const SCAN_DEFAULTS = { replicates: 999, seed: 2005, analysesPerDay: 24 } as const;

/**
 * Runs (or reads back) the prospective space-time scan of SPEC §11 at `at` for one or every
 * category, stores each analysis with its signals and the significance of the incidents it
 * covers (unless `store` is false), and returns the signals by p-value then LLR.
 * @throws CellpulseError invalid_parameter when `at` is not an ISO-8601 time.
 */
export async function scanSignals(db: Database, request: ScanRequest = {}): Promise<ScanRun> {
  const at = request.at === undefined ? await newestComplaint(db) : await timeInZone(db, request.at);
  if (at === null) return { at: null, signals: [], ran: false };
  const settings = { ...SCAN_DEFAULTS, ...definedOnly(request) };
  const categories = request.category ? [request.category] : [...CATEGORIES];
  const ids = categories.map((c) => analysisId(c, at, settings.replicates, settings.seed));
  const stored = await Promise.all(categories.map((c) => findAnalysis(db, c, at, settings.replicates, settings.seed)));
  if ((request.reuse ?? true) && stored.every(Boolean))
    return { at, signals: await readSignals(db, { analyses: ids }), ran: false };
  const workers = request.workers ?? ScanWorkers.shared();
  workers.start();
  const inputs = await loadScanInputs(db, categories, at);
  // All at once: while the workers run one category's replicates, this thread prepares the next.
  const runs = await Promise.all(
    categories.map((category, k) => analyse(db, category, inputs[k]!, { ...settings, workers })),
  );
  if (request.store === false) return { at, signals: runs.flatMap((r) => r.signals).sort(bySignificance), ran: true };
  const threshold = request.alertAboveDays;
  const alerts = threshold === undefined ? [] : runs.flatMap((r) => r.signals).filter((s) => worthAlert(s, threshold));
  await saveAnalyses(db, runs, alerts);
  return { at, signals: await readSignals(db, { analyses: ids }), ran: true };
}

interface Settings {
  replicates: number;
  seed: number;
  analysesPerDay: number;
  workers: ScanWorkers;
}

async function analyse(
  db: Database,
  category: Category,
  input: ScanInput,
  s: Settings,
): Promise<{ analysis: Analysis; signals: Signal[]; incidents: IncidentSignificance[] }> {
  const at = input.at;
  const incidents = await scanIncidents(db, category, at);
  const seed = categorySeed(s.seed, category);
  const result = await spaceTimeScan(input, incidents, { ...s, seed, maxP: 1, limit: 50 });
  const earlier = await readSignals(db, { category, after: at - LONGEST, before: at });
  const signals = result.clusters.map((cluster) => toSignal(category, cluster, earlier));
  const recent = input.t.filter((t) => t > at - LONGEST).length;
  const analysis: Analysis = {
    analysis_id: analysisId(category, at, s.replicates, s.seed),
    category,
    at,
    replicates: s.replicates,
    seed: s.seed,
    analyses_per_day: s.analysesPerDay,
    complaints: input.t.length,
    recent,
    most_likely_llr: result.mostLikely.llr,
    most_likely_p: result.mostLikely.p_value,
  };
  return { analysis, signals, incidents: significanceOf(incidents, result, signals, s.analysesPerDay) };
}

async function scanIncidents(db: Database, category: Category, at: number): Promise<ScanIncident[]> {
  const found = await listIncidents(db, {
    category,
    from: new Date(at - LONGEST).toISOString(),
    to: new Date(at + 1).toISOString(),
  });
  return found.map((i) => ({
    incident_id: i.incident_id,
    hexes: i.hexes,
    start: Date.parse(i.start),
    end: Date.parse(i.end),
  }));
}

function toSignal(category: Category, c: ScanCluster, earlier: readonly Signal[]): Signal {
  const start = new Date(c.start).toISOString();
  const end = new Date(c.end).toISOString();
  const ongoing = earlier.some(
    (e) => Date.parse(e.end) > c.start && Date.parse(e.start) < c.end && e.hexes.some((h) => c.hexes.includes(h)),
  );
  return {
    signal_id: `sig_${createHash('sha1')
      .update(`${category}|${c.hexes.join(',')}|${start}|${end}`)
      .digest('hex')
      .slice(0, 16)}`,
    category,
    hexes: c.hexes,
    start,
    end,
    observed: c.observed,
    expected: c.expected,
    llr: c.llr,
    p_value: c.p_value,
    recurrence_interval_days: c.recurrence_interval_days,
    status: ongoing ? 'ongoing' : 'new',
    incident_ids: c.incident_ids,
  };
}

// An incident no zone-window with an excess overlaps has LLR 0 at best: every replicate reaches it, p = 1.
function significanceOf(
  incidents: readonly ScanIncident[],
  result: ScanResult,
  signals: readonly Signal[],
  perDay: number,
): IncidentSignificance[] {
  return incidents.map(({ incident_id }) => {
    const best = result.incidentBest.get(incident_id);
    const signal = best === undefined ? undefined : signals[best];
    if (signal === undefined) return { incident_id, p_value: 1, recurrence_interval_days: 1 / perDay, signal_id: null };
    return {
      incident_id,
      p_value: signal.p_value,
      recurrence_interval_days: signal.recurrence_interval_days,
      signal_id: signal.signal_id,
    };
  });
}

// New, covered by no incident, and rarer by chance than the threshold (SPEC §11).
function worthAlert(signal: Signal, thresholdDays: number): boolean {
  return signal.status === 'new' && signal.incident_ids.length === 0 && signal.recurrence_interval_days > thresholdDays;
}

// The order the store reads signals in: p-value, then LLR descending, then id.
function bySignificance(a: Signal, b: Signal): number {
  return a.p_value - b.p_value || b.llr - a.llr || (a.signal_id < b.signal_id ? -1 : 1);
}

function categorySeed(seed: number, category: Category): number {
  return (Math.imul(seed >>> 0, 0x01000193) ^ Math.imul(CATEGORIES.indexOf(category) + 1, 0x9e3779b1)) >>> 0;
}

function definedOnly(request: ScanRequest): Partial<Omit<Settings, 'workers'>> {
  const out: Partial<Omit<Settings, 'workers'>> = {};
  if (request.replicates !== undefined) out.replicates = request.replicates;
  if (request.seed !== undefined) out.seed = request.seed;
  if (request.analysesPerDay !== undefined) out.analysesPerDay = request.analysesPerDay;
  return out;
}
