import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { alertsPlugin } from './plugins/app/alerts.js';
import { authPlugin } from './plugins/app/auth.js';
import { bodyShapePlugin } from './plugins/app/body-shape.js';
import { contextPlugin, type AppOptions } from './plugins/app/context.js';
import { errorHandlerPlugin } from './plugins/app/error-handler.js';
import { etagPlugin } from './plugins/app/etag.js';
import { requestLogPlugin } from './plugins/app/request-log.js';
import { resultCachePlugin } from './plugins/app/result-cache.js';
import { writerFirstPlugin } from './plugins/app/writer-first.js';
import { scanPlugin } from './plugins/app/scan.js';
import { sharedPlugin } from './plugins/app/shared-plugin.js';
import { corsPlugin } from './plugins/external/cors.js';
import { dashboardPlugin } from './plugins/external/dashboard.js';
import { helmetPlugin } from './plugins/external/helmet.js';
import { multipartPlugin } from './plugins/external/multipart.js';
import { rateLimitPlugin } from './plugins/external/rate-limit.js';
import { swaggerPlugin } from './plugins/external/swagger.js';
import healthRoutes from './routes/health.js';
import v1Routes from './routes/v1/index.js';

export type { AppOptions } from './plugins/app/context.js';

/**
 * The cellpulse HTTP application as one plugin, given an open database and the settings:
 * external plugins (security headers, CORS, rate limit, multipart, OpenAPI) first, because they
 * hook every route registered after them; then the app's own plugins; then the routes.
 */
async function buildApp(app: FastifyInstance, options: AppOptions): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(contextPlugin, options);
  await app.register(errorHandlerPlugin);
  await app.register(requestLogPlugin);

  await helmetPlugin(app);
  await corsPlugin(app);
  await rateLimitPlugin(app);
  await multipartPlugin(app);
  await swaggerPlugin(app);

  await app.register(authPlugin);
  await app.register(bodyShapePlugin);
  await app.register(writerFirstPlugin);
  await app.register(etagPlugin);
  await app.register(resultCachePlugin);
  await app.register(alertsPlugin);
  await app.register(scanPlugin);

  await app.register(healthRoutes);
  await app.register(v1Routes, { prefix: '/v1' });
  await dashboardPlugin(app);
}

/** The application plugin, unencapsulated so its error handler and hooks apply to the whole server. */
export default sharedPlugin('cellpulse-app', buildApp);
