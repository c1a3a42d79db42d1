import { z } from 'zod';

/** One step of a server's start-up warm-up. */
export const WarmUpStep = z.object({
  name: z
    .enum(['live_path', 'stored_ids'])
    .describe('live_path: triage reference, coverage marks, recent complaints; stored_ids: the id filter'),
  state: z.enum(['waiting', 'running', 'done', 'failed']),
  progress: z.number().min(0).max(1).describe('share of the step done (ids read, for stored_ids)'),
  ms: z.number().nullable().describe('how long the step took, once done'),
});

/** The start-up warm-up as `/readyz` shows it: writes are answered throughout, at full speed once done. */
export const WarmUpStatus = z.object({
  done: z.boolean(),
  steps: z.array(WarmUpStep),
});

export type WarmUpStep = z.infer<typeof WarmUpStep>;
export type WarmUpStepName = WarmUpStep['name'];
export type WarmUpStatus = z.infer<typeof WarmUpStatus>;
