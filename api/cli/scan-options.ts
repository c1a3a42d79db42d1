import type { Command } from 'commander';
import { z } from 'zod';
import { Duration, type ServerConfigInput } from '../schemas/server-config.js';

export interface ScanScheduleOptions {
  scanEvery?: string;
  scanReplicates?: string;
  signalThresholdDays?: string;
}

/** Adds the background scan's options of `serve` and `demo` (SPEC §11). */
export function withScanOptions(command: Command): Command {
  return command
    .option(
      '--scan-every <duration>',
      'interval of the background space-time scan, e.g. 15m (default 1h; 0: after writes only)',
    )
    .option('--scan-replicates <n>', 'Monte Carlo replicates of the background scan (default 9999)')
    .option(
      '--signal-threshold-days <days>',
      'alert on signals no incident covers above this recurrence interval (default 100)',
    );
}

/** The server settings of the scan flags; flags left out keep their CELLPULSE_* variable or default. */
export function scanConfig(options: ScanScheduleOptions): ServerConfigInput {
  return {
    scanSchedule: true,
    ...(options.scanEvery === undefined ? {} : { scanEveryMs: Duration.parse(options.scanEvery) }),
    ...(options.scanReplicates === undefined
      ? {}
      : { scanReplicates: z.coerce.number().int().parse(options.scanReplicates) }),
    ...(options.signalThresholdDays === undefined
      ? {}
      : { signalThresholdDays: z.coerce.number().positive().parse(options.signalThresholdDays) }),
  };
}
