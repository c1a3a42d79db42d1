import type { IncidentChange } from '../../analytics/clusters/incidents/incident-change.js';
import type { InputKind } from '../../domain/enums.js';

/**
 * What one committed-to-be write changed, handed to the steps that run in its transaction after
 * the incident refresh (see `afterWrite` in ingest-service.ts).
 */
export interface WriteChange {
  /** `file`: a file or upload through the ingest pipeline; `live`: a `POST /v1/complaints` batch. */
  kind: 'file' | 'live';
  input: InputKind;
  /** The ingest run; every complaint this write stored (new or replacing one) carries it in `run_id`. */
  runId: number;
  /**
   * complaint_ids written, new and replaced (live batches). Files can hold millions, so there it
   * is absent: select `complaints WHERE run_id = runId` instead.
   */
  complaintIds?: readonly string[];
  incidents: IncidentChange;
}
