import type { Database } from '../../store/database.js';
import { ingest, type IngestRequest, type IngestSummary } from '../../ingest/ingest.js';

/**
 * Ingests a file or request body and keeps what derives from complaints (the incidents)
 * in step within the same transaction.
 */
export async function ingestFile(db: Database, request: Omit<IngestRequest, 'afterComplaints'>): Promise<IngestSummary> {
  return ingest(db, request);
}
