import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getIncident, listIncidents } from '../../../analytics/clusters/incident-store.js';
import { CellpulseError } from '../../../domain/errors.js';
import { Incident } from '../../../domain/incident.js';
import { incidentsToGeoJson, incidentsToRows } from '../../formats/incident-shapes.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import type { TableSpec } from '../../formats/table-spec.js';
import { errorResponses } from '../../schemas/common.js';
import { INCIDENT_FORMATS, IncidentParams, IncidentQuery, IncidentRow } from '../../schemas/incidents.js';
import { tableResponses } from '../../schemas/responses.js';

const incidentTable: TableSpec<Incident> = {
  name: 'incidents',
  row: IncidentRow,
  toRow: (incident) => incidentsToRows([incident])[0]!,
  toFeature: (incident) => incidentsToGeoJson([incident]).features[0]!,
};

/** `GET /v1/incidents` (the filters of `cellpulse clusters`) and `GET /v1/incidents/{id}`. */
const incidentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/incidents',
    {
      config: { access: 'read', cacheable: true },
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
      // Reading incidents converts every list column; cached per data version like the aggregates.
      const incidents = await app.resultCache.get(app.db.dataVersion, `incidents ${JSON.stringify(filter)}`, () => listIncidents(app.db, filter));
      return sendTable(reply, chosen, incidents, incidentTable, true);
    },
  );
  app.get(
    '/incidents/:id',
    {
      config: { access: 'read', cacheable: true },
      schema: { tags: ['incidents'], summary: 'one incident', params: IncidentParams, response: { 200: Incident, ...errorResponses } },
    },
    async (request) => {
      const incident = await getIncident(app.db, request.params.id);
      if (incident === undefined) throw new CellpulseError('not_found', 'no incident with this id', request.params.id);
      return incident;
    },
  );
};

export default incidentRoutes;
