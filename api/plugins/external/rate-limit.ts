import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { CellpulseError } from '../../../domain/errors.js';

/** Requests per minute per client address (configurable; 0 turns it off). Health checks are exempt. */
export async function rateLimitPlugin(app: FastifyInstance): Promise<void> {
  const max = app.config.rateLimitPerMinute;
  if (max === 0) return;
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new CellpulseError(
        'rate_limited',
        `rate limit of ${context.max} requests per ${context.after} exceeded; retry later`,
      ),
  });
}
