import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';

/** Appraisal targets besides the per-technology rate targets (table `appraisal_targets`). */
export interface AppraisalTargets {
  /** Commitment compliance earning full points, a fraction (default 0.9345, the seed's 93.45 %). */
  compliance: number;
}

export const APPRAISAL_TARGET_NAMES = ['compliance'] as const;

/** The stored appraisal targets. */
export async function readAppraisalTargets(db: Database): Promise<AppraisalTargets> {
  const rows = await db.all<{ name: string; value: number }>('SELECT name, value FROM appraisal_targets');
  const byName = new Map(rows.map((r) => [r.name, r.value]));
  return { compliance: byName.get('compliance') ?? 0.9345 };
}

/**
 * Stores appraisal targets in one transaction.
 * @throws CellpulseError invalid_parameter for a compliance target outside [0, 1].
 */
export async function writeAppraisalTargets(
  db: Database,
  targets: Partial<AppraisalTargets>,
): Promise<AppraisalTargets> {
  const { compliance } = targets;
  if (compliance !== undefined && !(Number.isFinite(compliance) && compliance >= 0 && compliance <= 1)) {
    throw new CellpulseError(
      'invalid_parameter',
      'the compliance target is a fraction in [0, 1], e.g. compliance=0.95',
      compliance,
    );
  }
  await db.write(async (conn) => {
    if (compliance !== undefined)
      await conn.run(`INSERT OR REPLACE INTO appraisal_targets VALUES ('compliance', $v)`, { v: compliance });
  });
  return readAppraisalTargets(db);
}
