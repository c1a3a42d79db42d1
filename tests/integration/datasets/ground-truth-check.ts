import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectClusters } from '../../../analytics/clusters/reference/enumeration-detector.js';
import { loadClusterComplaints } from '../../../analytics/clusters/reference/load-cluster-complaints.js';
import type { Database } from '../../../store/database.js';

export interface GroundTruth {
  inCluster: Set<string>;
  nearMiss: Set<string>;
  scenarios: Map<string, string>;
}

/** ground_truth.csv of a generated directory. */
export function readGroundTruth(dir: string): GroundTruth {
  const [, ...lines] = readFileSync(join(dir, 'ground_truth.csv'), 'utf8').trim().split('\n');
  const truth: GroundTruth = { inCluster: new Set(), nearMiss: new Set(), scenarios: new Map() };
  for (const line of lines) {
    const [id = '', scenario = '', inCluster] = line.split(',');
    (inCluster === 'true' ? truth.inCluster : truth.nearMiss).add(id);
    truth.scenarios.set(id, scenario);
  }
  return truth;
}

/** Every complaint the batch detector puts in a major cluster, over all located complaints of the database. */
export async function flaggedComplaints(db: Database): Promise<Set<string>> {
  const complaints = await db.use((conn) => loadClusterComplaints(conn, 0, Date.UTC(2100, 0, 1)));
  return detectClusters(complaints).flagged;
}

/** The complaints the ingest's own incident refresh stored as cluster members. */
export async function storedMembers(db: Database): Promise<Set<string>> {
  const rows = await db.all<{ complaint_id: string }>('SELECT complaint_id FROM cluster_members');
  return new Set(rows.map((r) => r.complaint_id));
}

export function sorted(ids: Iterable<string>): string[] {
  return [...ids].sort();
}
