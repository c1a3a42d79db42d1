import type { Database, DataTopic, TopicSpans } from '../../../store/database.js';
import type { IncidentAlerts } from '../../alerts/incident-alerts.js';
import type { ServerConfig } from '../../schemas/server-config.js';
import type { ResultCache } from './result-cache.js';
import { sharedPlugin } from './shared-plugin.js';

/** Who may call a route: anyone, a reader (keyed only when read keys are required) or a writer. */
export type Access = 'public' | 'read' | 'write';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: ServerConfig;
    alerts: IncidentAlerts;
    resultCache: ResultCache;
  }
  interface FastifyContextConfig {
    /** Checked by the auth plugin; routes without it are public. */
    access?: Access;
    /** GET routes whose answer depends only on the data version and the query (ETag, 304). */
    cacheable?: boolean;
    /** The data a cacheable route reads: its ETag changes only when a write touches one of them (default: all). */
    dependsOn?: readonly DataTopic[];
    /** The span of time the answer reads of each topic, from the validated query (default: all of it). */
    readSpans?: (query: unknown) => TopicSpans;
  }
  interface FastifyRequest {
    /** Short id of the API key that authenticated the request (kept as the ingest actor). */
    apiKeyId?: string;
  }
}

export interface AppOptions {
  db: Database;
  config: ServerConfig;
}

/** Makes the database and the settings available to every plugin and route. */
export const contextPlugin = sharedPlugin('cellpulse-context', async (app, options: AppOptions) => {
  app.decorate('db', options.db);
  app.decorate('config', options.config);
});
