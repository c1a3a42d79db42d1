import { DuckDBInstance, listValue } from '@duckdb/node-api';
import { existsSync, renameSync } from 'node:fs';
import { openCellIdSitesQuery, readOpenCellId } from '../../datasets/opencellid.js';
import { runCase } from '../harness/child-case.js';
import type { Measured } from '../harness/case-types.js';
import { DATA_DIR, ensureDir, SHARED_DATASETS_DIR } from '../harness/paths.js';
import { createCityCentres } from './city-centres.js';
import { PERIOD } from './period.js';

export const SITES_CSV = `${DATA_DIR}sites-opencellid-uk.csv`;
export const SUBSCRIBERS_CSV = `${DATA_DIR}subscribers.csv`;
const OPENCELLID = `${SHARED_DATASETS_DIR}opencellid_uk_234.csv.gz`;

/** Technology shares of a city's subscribers, for the synthetic denominators. */
const TECHNOLOGY_SHARES = "('GSM', 0.08), ('WCDMA', 0.12), ('LTE', 0.55), ('NR', 0.25)";

/**
 * The real OpenCellID UK layout (131k cells) as a cellpulse sites CSV, and subscriber counts per
 * city, technology and month. The layout keeps its real shape, density and cell count but is
 * moved as a whole so that its centroid lies on the population-weighted centroid of the
 * Heilongjiang cities the complaints come from (otherwise every nearest site would be 7,000 km
 * away); each cell takes the nearest city's name. UMTS maps to WCDMA; radio-mcc-net-area-cell is
 * the cell id; LTE and NR cells share a site id by eNB/gNB, others by rounded position.
 */
async function prepareSites(): Promise<Measured> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await createCityCentres(conn);
  await readOpenCellId(conn, OPENCELLID);
  await conn.run(`CREATE TEMP TABLE moved AS
    WITH shift AS (
      SELECT (SELECT sum(lat * pop) / sum(pop) FROM cities) - (SELECT avg(lat) FROM ocid) AS dlat,
             (SELECT sum(lon * pop) / sum(pop) FROM cities) - (SELECT avg(lon) FROM ocid) AS dlon)
    SELECT rid, radio, mcc, net, area, cell, lat + dlat AS lat, lon + dlon AS lon,
      (hash(rid, 'status') % 4294967296)::DOUBLE / 4294967296 AS u
    FROM ocid, shift`);
  const status = `CASE WHEN u < 0.96 THEN 'active' WHEN u < 0.98 THEN 'planned' WHEN u < 0.99 THEN 'fault'
    ELSE 'no_investment' END`;
  const tmp = `${SITES_CSV}.tmp`;
  await conn.run(`COPY (${openCellIdSitesQuery('moved', `${status} AS status`)}) TO '${tmp}' (HEADER, DELIMITER ',')`);
  renameSync(tmp, SITES_CSV);
  await conn.run(
    `COPY (
       SELECT c.city, t.technology, m.month, round(c.pop * 1.1 * t.share)::BIGINT AS subscribers
       FROM cities c, (VALUES ${TECHNOLOGY_SHARES}) t(technology, share), (SELECT unnest($months) AS month) m
       ORDER BY c.ci, t.technology, m.month
     ) TO '${SUBSCRIBERS_CSV}' (HEADER, DELIMITER ',')`,
    { months: listValue([...PERIOD.months]) },
  );
  const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM ocid')).getRowsJS()[0]?.[0]);
  conn.closeSync();
  instance.closeSync();
  return { ms: performance.now() - started, rows };
}

/** Makes the sites and subscribers CSVs unless they exist already. */
export async function ensureSiteLayout(log: (line: string) => void): Promise<void> {
  if (existsSync(SITES_CSV) && existsSync(SUBSCRIBERS_CSV)) return;
  ensureDir(DATA_DIR);
  log('converting the OpenCellID UK layout into a sites CSV');
  const outcome = await runCase('prepare-sites', {});
  if (outcome.status !== 'ok') throw new Error(`could not prepare the sites: ${outcome.message}`);
}

export const siteLayoutCases = { 'prepare-sites': prepareSites };
