import { alertsCases } from '../alerts.js';
import { clusterCases } from '../clusters.js';
import { complaintFileCases } from '../inputs/complaint-files.js';
import { loadedDatabaseCases } from '../inputs/loaded-database.js';
import { serviceDatabaseCases } from '../inputs/service-database.js';
import { siteLayoutCases } from '../inputs/site-layout.js';
import { httpServers } from '../http.js';
import { ingestCases } from '../ingest.js';
import { queryCases } from '../queries.js';
import { scanCases } from '../scan.js';
import type { CaseFn, ServeFn } from './case-types.js';

/** Every case a child process can run, by name. */
export const CASES: Record<string, CaseFn> = {
  ...siteLayoutCases,
  ...complaintFileCases,
  ...loadedDatabaseCases,
  ...serviceDatabaseCases,
  ...ingestCases,
  ...clusterCases,
  ...queryCases,
  ...alertsCases,
  ...scanCases,
};

/** Every server a child process can start, by name. */
export const SERVERS: Record<string, ServeFn> = { ...httpServers };
