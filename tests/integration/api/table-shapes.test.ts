import { tableFromIPC } from 'apache-arrow';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppraisalRow } from '../../../domain/appraisal.js';
import { CellSite } from '../../../domain/cell-site.js';
import { RateRow } from '../../../domain/complaint-rate.js';
import {
  CoverageTrend,
  CoverageTrendRow,
  SiteCandidate,
  SiteCandidateRow,
  WeakCoverageHex,
  WeakCoverageRow,
} from '../../../domain/coverage.js';
import { HexagonCount } from '../../../domain/hexagon-count.js';
import { Incident, IncidentRow } from '../../../domain/incident.js';
import { IngestRun, RejectedRow } from '../../../domain/ingest-history.js';
import { KpiRow } from '../../../domain/service-kpis.js';
import { Signal, SignalRow } from '../../../domain/signal.js';
import { ComplaintRecord, ComplaintRow, RouteCount } from '../../../domain/triage.js';
import { DeliveryRow } from '../../../domain/webhook-delivery.js';
import { ConstructionListRow } from '../../../api/schemas/construction-list.js';
import { burst, complaint, postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

/**
 * Every table route against the zod schemas of domain/: JSON items parse with the item schema and
 * have exactly its keys, the CSV header and the Arrow fields are the row schema's keys in order,
 * and GeoJSON properties are the flat row (the item for incidents). A table route missing here fails.
 */
interface TableShape {
  query?: string;
  item: z.ZodObject;
  row: z.ZodObject;
  /** What a GeoJSON feature carries as properties. */
  properties?: 'row' | 'item';
}

const SHAPES: Record<string, TableShape> = {
  '/v1/hexagons': { item: HexagonCount, row: HexagonCount, properties: 'row' },
  '/v1/rates': { item: RateRow, row: RateRow },
  '/v1/kpis': { item: KpiRow, row: KpiRow },
  '/v1/sites': { item: CellSite, row: CellSite, properties: 'row' },
  '/v1/coverage': { item: WeakCoverageHex, row: WeakCoverageRow, properties: 'row' },
  '/v1/coverage/trends': { query: 'weeks=3', item: CoverageTrend, row: CoverageTrendRow, properties: 'row' },
  '/v1/signals': { query: 'category=weak_coverage', item: Signal, row: SignalRow, properties: 'row' },
  '/v1/site-candidates': { query: 'min_complaints=1', item: SiteCandidate, row: SiteCandidateRow, properties: 'row' },
  '/v1/incidents': { item: Incident, row: IncidentRow, properties: 'item' },
  '/v1/ingest-runs': { item: IngestRun, row: IngestRun },
  '/v1/rejected-rows': { item: RejectedRow, row: RejectedRow },
  '/v1/alerts/deliveries': { item: DeliveryRow, row: DeliveryRow },
  '/v1/complaints': { item: ComplaintRecord, row: ComplaintRow },
  '/v1/triage': { item: RouteCount, row: RouteCount },
  '/v1/appraisal': { item: AppraisalRow, row: AppraisalRow },
  '/v1/coverage/construction': { query: 'month=2024-05', item: ConstructionListRow, row: ConstructionListRow },
};

const FORMAT_OF: Record<string, string> = {
  'application/json': 'json',
  'application/geo+json': 'geojson',
  'text/csv': 'csv',
  'application/vnd.apache.arrow.stream': 'arrow',
};

const HOUR = 3_600_000;
const BURST = Date.parse('2024-05-28T02:00:00Z');

let api: ApiFixture;
let tableRoutes: Map<string, string[]>;

beforeAll(async () => {
  // A dead webhook endpoint keeps deliveries pending, so that table has rows too.
  api = await startApiFixture({ webhookUrls: ['http://127.0.0.1:9/hook'] });
  // Four weeks of scattered coverage complaints around town, then a burst in one hexagon: an
  // incident and a scan signal.
  const town = gridDisk(latLngToCell(30.2741, 120.1551, 8), 2);
  const background = Array.from({ length: 120 }, (_, i) => {
    const [lat, lon] = cellToLatLng(town[(i * 7) % town.length]!);
    return complaint(
      `T-${i}`,
      new Date(BURST - HOUR - ((i * 7919) % (27 * 24)) * HOUR).toISOString(),
      'Hangzhou',
      'weak_coverage',
      'LTE',
      lat,
      lon,
    );
  });
  const six = burst('B', new Date(BURST).toISOString(), 'weak_coverage');
  expect((await postJson(`${api.url}/v1/complaints`, [...background, ...six])).status).toBe(200);
  tableRoutes = await tableRoutesOf(api.url);
});
afterAll(async () => api?.stop());

/** GET routes whose 200 answer offers CSV, with the formats they offer, from the OpenAPI document. */
async function tableRoutesOf(url: string): Promise<Map<string, string[]>> {
  const doc = (await (await fetch(`${url}/docs/json`)).json()) as {
    paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
  };
  const routes = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    const media = Object.keys(methods.get?.responses['200']?.content ?? {});
    if (media.includes('text/csv'))
      routes.set(
        path,
        media.map((m) => FORMAT_OF[m]!),
      );
  }
  return routes;
}

async function get(path: string, query: string | undefined, format: string): Promise<Response> {
  const response = await fetch(`${api.url}${path}?${query ? `${query}&` : ''}format=${format}`);
  expect(response.status, `${path} ${format}`).toBe(200);
  return response;
}

describe('table routes answer the shapes of their domain schemas', () => {
  it('checks every table route the API offers', () => {
    expect([...tableRoutes.keys()].sort()).toEqual(Object.keys(SHAPES).sort());
  });

  it.each(Object.entries(SHAPES))('%s: every format follows the schema', async (path, shape) => {
    const formats = tableRoutes.get(path) ?? [];
    const columns = Object.keys(shape.row.shape);
    const items = (await (await get(path, shape.query, 'json')).json()) as Record<string, unknown>[];
    expect(items.length, `${path} has rows to check`).toBeGreaterThan(0);
    z.array(shape.item.strict()).parse(items);
    const [header = '', ...lines] = (await (await get(path, shape.query, 'csv')).text()).trimEnd().split('\n');
    expect(header.split(','), `${path} CSV header`).toEqual(columns);
    expect(lines.length).toBeGreaterThanOrEqual(items.length);
    const table = tableFromIPC(new Uint8Array(await (await get(path, shape.query, 'arrow')).arrayBuffer()));
    expect(
      table.schema.fields.map((f) => f.name),
      `${path} Arrow fields`,
    ).toEqual(columns);
    expect(table.numRows).toBe(items.length);
    if (!formats.includes('geojson')) return;
    expect(shape.properties, `${path} offers GeoJSON`).toBeDefined();
    const features = (
      (await (await get(path, shape.query, 'geojson')).json()) as { features: { properties: object }[] }
    ).features;
    const properties = shape.properties === 'row' ? shape.row : shape.item;
    z.array(properties.strict()).parse(features.map((f) => f.properties));
    expect(features.length).toBe(items.length);
  });
});
