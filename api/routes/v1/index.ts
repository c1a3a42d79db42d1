import type { FastifyInstance } from 'fastify';
import alertRoutes from './alerts.js';
import complaintRoutes from './complaints.js';
import constructionListRoutes from './construction-list.js';
import coverageRoutes from './coverage.js';
import coverageTrendRoutes from './coverage-trends.js';
import hexagonRoutes from './hexagons.js';
import incidentRoutes from './incidents.js';
import ingestHistoryRoutes from './ingest-history.js';
import ingestRoutes from './ingest.js';
import kpiRoutes from './kpis.js';
import lookupRoutes from './lookup.js';
import metaRoutes from './meta.js';
import rateRoutes from './rates.js';
import siteCandidateRoutes from './site-candidates.js';
import signalRoutes from './signals.js';
import siteRoutes from './sites.js';
import targetRoutes from './targets.js';
import triageRoutes from './triage.js';

/** Every `/v1` route module, one per resource. */
export default async function v1Routes(app: FastifyInstance): Promise<void> {
  const all = [
    metaRoutes,
    complaintRoutes,
    ingestRoutes,
    alertRoutes,
    incidentRoutes,
    hexagonRoutes,
    rateRoutes,
    kpiRoutes,
    lookupRoutes,
    siteRoutes,
    coverageRoutes,
    coverageTrendRoutes,
    siteCandidateRoutes,
    signalRoutes,
    ingestHistoryRoutes,
    targetRoutes,
    triageRoutes,
    constructionListRoutes,
  ];
  for (const routes of all) {
    await app.register(routes);
  }
}
