import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI 3 document, generated from the routes' zod schemas, as JSON at `/docs/json`, and
 * Swagger UI at `/docs` (its assets are served from the package: no internet needed).
 */
export async function swaggerPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'cellpulse API',
        description:
          'Mobile-network complaint analytics and geo-clustering: live ingest, ' +
          'major-complaint incidents, hexagon aggregates, rates and KPIs.',
        version: '0.1.0',
      },
      components: { securitySchemes: { apiKey: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
      tags: [
        { name: 'ingest', description: 'loading complaints and reference data (API key required)' },
        { name: 'incidents', description: 'major complaint clusters and their live alerts' },
        { name: 'geo', description: 'hexagon aggregates and cell sites' },
        { name: 'analytics', description: 'rates, KPIs, coverage, site planning, look-up' },
        { name: 'history', description: 'ingest runs and rejected rows' },
        { name: 'service', description: 'health and metadata' },
      ],
    },
    transform: createJsonSchemaTransform({
      skipList: ['/docs', '/docs/', '/docs/json', '/docs/yaml', '/docs/static/*', '/docs/*'],
    }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
}
