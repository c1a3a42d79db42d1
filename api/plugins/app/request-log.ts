import { sharedPlugin } from './shared-plugin.js';

/**
 * One structured log line per request, written when it completes (fastify's default writes two:
 * "incoming request" and "request completed"; at API rates the second line halved throughput).
 */
export const requestLogPlugin = sharedPlugin('cellpulse-request-log', async (app) => {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        key: request.apiKeyId,
      },
      'request completed',
    );
  });
});
