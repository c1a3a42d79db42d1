import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { handleIncident, type HandlingAction } from '../../../analytics/alerts/incident-handling.js';
import { getIncident, listIncidents } from '../../../analytics/clusters/incidents/incident-reader.js';
import { Incident, IncidentRow } from '../../../domain/incident.js';
import { incidentsToGeoJson, incidentsToRows } from '../../formats/incident-shapes.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import type { TableSpec } from '../../formats/table-spec.js';
import { ErrorBody } from '../../schemas/common.js';
import { AckBody, INCIDENT_FORMATS, IncidentParams, IncidentQuery, ResolveBody } from '../../schemas/incidents.js';
import type { z } from 'zod';
import { tableResponses } from '../../schemas/responses.js';
import { oneByIdRoute } from '../one-by-id-route.js';
import { writeOptions } from '../route-options.js';
import { instantSpan } from '../read-spans.js';
import { StatusHorizons } from '../status-horizons.js';
import type { TopicSpans } from '../../../store/database.js';
import type { TimeSpan } from '../../../store/change-log.js';

type ListQuery = z.output<typeof IncidentQuery>;

const incidentTable: TableSpec<Incident, typeof IncidentRow> = {
  name: 'incidents',
  row: IncidentRow,
  toRow: (incident) => incidentsToRows([incident])[0]!,
  toFeature: (incident) => incidentsToGeoJson([incident]).features[0]!,
};

/** What ack and resolve answer. */
const HANDLED = { 200: Incident, 409: ErrorBody.describe('the incident is resolved already') };

/** `GET /v1/incidents` (the filters of `cellpulse clusters`) and `GET /v1/incidents/{id}`. */
const incidentRoutes: FastifyPluginAsyncZod = async (app) => {
  // An incident's status is judged against the newest complaint: its moves matter too, until the list settles.
  const dependsOn = ['incidents', 'newest'] as const;
  const horizons = new StatusHorizons();
  const keyOf = ({ format: _format, ...filter }: ListQuery): string => `incidents ${JSON.stringify(filter)}`;
  /** The list's span of incidents and the last write that changed it (what a status horizon holds for). */
  const setOf = (query: ListQuery): { span: TimeSpan; version: number } => {
    const span = instantSpan(query.from, query.to);
    return { span, version: app.db.lastChangeOf('incidents', span) };
  };
  const spansOf = (query: ListQuery): TopicSpans => {
    const set = setOf(query);
    return { incidents: set.span, newest: horizons.of(keyOf(query), set.version) };
  };
  app.get(
    '/incidents',
    {
      config: { access: 'read', cacheable: true, dependsOn, readSpans: (query) => spansOf(query as ListQuery) },
      schema: {
        tags: ['incidents'],
        summary: 'major complaint incidents (SPEC §3) whose span meets [from, to)',
        querystring: IncidentQuery,
        response: tableResponses(Incident, INCIDENT_FORMATS, 'incidents, newest first'),
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, INCIDENT_FORMATS);
      // Reading incidents converts every list column; cached per version of what they read, like the aggregates.
      const key = keyOf(request.query);
      const { version } = setOf(request.query);
      const load = async (): ReturnType<typeof listIncidents> => {
        const listed = await listIncidents(app.db, filter);
        horizons.learn(key, version, listed);
        return listed;
      };
      const incidents = await app.resultCache.get(app.db.versionOf(dependsOn, spansOf(request.query)), key, load);
      return sendTable(reply, chosen, incidents, incidentTable, true);
    },
  );
  oneByIdRoute(app, {
    path: '/incidents/:id',
    tags: ['incidents'],
    summary: 'one incident',
    params: IncidentParams,
    item: Incident,
    noun: 'incident',
    load: getIncident,
  });
  const handle = async (id: string, action: HandlingAction): Promise<Incident> => {
    const { incident } = await app.db.write((conn) => handleIncident(conn, id, action, new Date()));
    void app.alerts.notify();
    return incident;
  };
  app.post(
    '/incidents/:id/ack',
    writeOptions({
      tags: ['incidents'],
      summary: 'acknowledge an incident (a repeat keeps the first acknowledgement)',
      params: IncidentParams,
      body: AckBody,
      response: HANDLED,
    }),
    async (request) => handle(request.params.id, { kind: 'ack', by: request.body.by, note: request.body.note }),
  );
  app.post(
    '/incidents/:id/resolve',
    writeOptions({
      tags: ['incidents'],
      summary: 'resolve an incident with its root cause (acknowledges it too when needed)',
      params: IncidentParams,
      body: ResolveBody,
      response: HANDLED,
    }),
    async (request) => {
      const { by, root_cause: rootCause, note } = request.body;
      return handle(request.params.id, { kind: 'resolve', by, rootCause, note });
    },
  );
};

export default incidentRoutes;
