import type { DuckDBConnection } from '@duckdb/node-api';
import type { ClusterComplaint } from '../domain/incident.js';
import { importIfPresent } from './harness/optional-module.js';

/** What the bench uses of the cluster detectors (analytics/clusters, being written in parallel). */
export interface StreamDetectorLike {
  push(complaint: ClusterComplaint): unknown;
  stateSize(): number;
}

export interface ClusterDetector {
  detectClusters: (complaints: ClusterComplaint[]) => { incidents: { complaint_ids: string[] }[] };
  StreamDetector?: new () => StreamDetectorLike;
  loadClusterComplaints: (conn: DuckDBConnection, lo: number, hi: number) => Promise<ClusterComplaint[]>;
  /** The files the functions came from. */
  sources: string[];
}

/** Where each export is looked for, the public index first. */
const BATCH_MODULES = ['analytics/clusters/index.ts', 'analytics/clusters/batch-detector.ts'];
const STREAM_MODULES = ['analytics/clusters/index.ts', 'analytics/clusters/stream-detector.ts', 'analytics/clusters/streaming-detector.ts'];
const STORE_MODULE = 'analytics/clusters/incident-store.ts';

async function findExport<T>(modules: string[], name: string): Promise<{ value: T; source: string } | undefined> {
  for (const path of modules) {
    const module = await importIfPresent<Record<string, unknown>>(path);
    if (module && module[name] !== undefined) return { value: module[name] as T, source: path };
  }
  return undefined;
}

/** The detectors when they have landed, else why not (shown as "not yet measured: ..."). */
export async function clusterDetector(): Promise<ClusterDetector | string> {
  try {
    // The store's detector (the sweep) when it exists, else the enumeration.
    const batch = (await findExport<ClusterDetector['detectClusters']>(BATCH_MODULES, 'sweepClusters')) ?? (await findExport<ClusterDetector['detectClusters']>(BATCH_MODULES, 'detectClusters'));
    if (!batch) return `cluster detector not landed (no detectClusters in ${BATCH_MODULES.join(' or ')})`;
    const load = await findExport<ClusterDetector['loadClusterComplaints']>([STORE_MODULE], 'loadClusterComplaints');
    if (!load) return `loadClusterComplaints not found in ${STORE_MODULE}`;
    const stream = await findExport<ClusterDetector['StreamDetector']>(STREAM_MODULES, 'StreamDetector');
    return {
      detectClusters: batch.value,
      StreamDetector: stream?.value,
      loadClusterComplaints: load.value,
      sources: [...new Set([batch.source, load.source, ...(stream ? [stream.source] : [])])],
    };
  } catch (error) {
    return `cluster detector does not load yet: ${String((error as Error).message).split('\n')[0]}`;
  }
}

/** Located complaints of the whole database, time-ordered, and how long loading them took. */
export async function loadAllComplaints(detector: ClusterDetector, conn: DuckDBConnection): Promise<{ complaints: ClusterComplaint[]; loadMs: number }> {
  const span = (await conn.runAndReadAll('SELECT epoch_ms(min(received_at)) AS lo, epoch_ms(max(received_at)) AS hi FROM complaints')).getRowObjectsJS()[0];
  const started = performance.now();
  const complaints = await detector.loadClusterComplaints(conn, Number(span?.lo), Number(span?.hi));
  return { complaints, loadMs: performance.now() - started };
}
