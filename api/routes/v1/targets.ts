import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readAppraisalTargets, writeAppraisalTargets } from '../../../analytics/appraisal/appraisal-targets.js';
import { readRateTargets, writeRateTargets } from '../../../analytics/rates/rate-targets.js';
import { Technology } from '../../../domain/enums.js';
import type { Database } from '../../../store/database.js';
import { writeOptions } from '../route-options.js';

const RateTargets = z
  .partialRecord(Technology, z.number().min(0))
  .describe('monthly target per 10,000 subscribers, by technology');
const Targets = RateTargets.and(
  z.object({
    compliance: z.number().min(0).max(1).optional().describe('commitment compliance earning full appraisal points'),
  }),
);
type Targets = z.infer<typeof Targets>;

/**
 * `GET /v1/targets` and `PUT /v1/targets` (write key): the rate targets and the appraisal's compliance target,
 * as `cellpulse targets` prints and sets them.
 */
const targetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/targets',
    {
      config: { access: 'read' },
      schema: { tags: ['kpi'], summary: 'monthly complaint-rate and compliance targets', response: { 200: Targets } },
    },
    async () => allTargets(app.db),
  );
  app.put(
    '/targets',
    writeOptions({
      tags: ['kpi'],
      summary: 'store targets (those given are replaced); answers all targets',
      body: Targets,
      response: { 200: Targets },
    }),
    async (request) => {
      const { compliance, ...rates } = request.body;
      if (Object.keys(rates).length > 0) await writeRateTargets(app.db, rates);
      if (compliance !== undefined) await writeAppraisalTargets(app.db, { compliance });
      return allTargets(app.db);
    },
  );
};

async function allTargets(db: Database): Promise<Targets> {
  return { ...(await readRateTargets(db)), ...(await readAppraisalTargets(db)) };
}

export default targetRoutes;
