import { TECHNOLOGIES, Technology } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';

/** Monthly complaint-rate targets, complaints per 10,000 subscribers, by technology. */
export type RateTargets = Partial<Record<Technology, number>>;

/** The targets stored in the database (table `rate_targets`). */
export async function readRateTargets(db: Database): Promise<RateTargets> {
  const rows = await db.all<{ technology: string; target_per_10k: number }>(
    'SELECT technology, target_per_10k FROM rate_targets',
  );
  return Object.fromEntries(rows.map((r) => [r.technology, r.target_per_10k]));
}

/**
 * Stores targets (replacing those of the technologies given) in one transaction.
 * @throws CellpulseError invalid_parameter for a negative or non-finite target.
 */
export async function writeRateTargets(db: Database, targets: RateTargets): Promise<RateTargets> {
  for (const [technology, value] of Object.entries(targets)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new CellpulseError(
        'invalid_parameter',
        `the target for ${technology} must be a number ≥ 0 (complaints per 10k subscribers per month)`,
        value,
      );
    }
  }
  await db.write(
    async (conn) => {
      for (const [technology, value] of Object.entries(targets)) {
        await conn.run('INSERT OR REPLACE INTO rate_targets VALUES ($technology, $value)', { technology, value });
      }
    },
    { touches: ['targets'] },
  );
  return readRateTargets(db);
}

/**
 * Parses `GSM=2,WCDMA=8` (the CLI's and the query string's form).
 * @throws CellpulseError invalid_parameter naming the bad pair.
 */
export function parseRateTargets(text: string): RateTargets {
  const targets: RateTargets = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = pair.split('=');
    const technology = Technology.safeParse(name?.trim());
    const number = Number(value);
    if (!technology.success || value === undefined || value.trim() === '' || !Number.isFinite(number)) {
      throw new CellpulseError(
        'invalid_parameter',
        `targets are TECHNOLOGY=NUMBER pairs with a technology of ${TECHNOLOGIES.join(', ')}`,
        pair,
      );
    }
    targets[technology.data] = number;
  }
  return targets;
}
