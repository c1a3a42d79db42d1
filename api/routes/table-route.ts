import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Database, DataTopic, TopicSpans } from '../../store/database.js';
import { negotiateFormat, type OutputFormat } from '../formats/negotiate.js';
import { sendTable } from '../formats/send-table.js';
import type { TableSpec } from '../formats/table-spec.js';
import { tableResponses } from '../schemas/responses.js';

/** A zod query schema whose output has the `format` parameter. */
type TableQuery = z.ZodType<{ format?: OutputFormat | undefined }>;

export interface TableRoute<Q extends TableQuery, T> {
  path: string;
  tags: string[];
  summary: string;
  /** What the rows are and how they are ordered, for the OpenAPI document. */
  description: string;
  querystring: Q;
  formats: readonly OutputFormat[];
  table: TableSpec<T>;
  /** The JSON item schema when it differs from the flat CSV/Arrow row. */
  item?: z.ZodType;
  /** False when the rows change without a data version (no ETag, no 304); default true. */
  cacheable?: boolean;
  /** Heavy aggregates are cached per query and version of `dependsOn` under this name. */
  cacheAs?: string;
  /** The data the rows are read from (ETag and cache key); default: everything. */
  dependsOn?: readonly DataTopic[];
  /** The span of time the rows read of each topic (default: all of it): writes elsewhere keep them cached. */
  spansOf?: (query: Omit<z.output<Q>, 'format'>) => TopicSpans;
  /** Reads the rows for the validated query (without `format`). */
  load: (db: Database, query: Omit<z.output<Q>, 'format'>) => Promise<readonly T[]>;
}

/**
 * Registers a read route that answers a table in JSON, CSV, Arrow or GeoJSON (by `?format=` or
 * `Accept`): every table route shares this prologue, so a route module is only its schema,
 * its table shape and the analytics call.
 */
export function tableRoute<Q extends TableQuery, T>(app: FastifyInstance, route: TableRoute<Q, T>): void {
  const spansOf = ({ format: _format, ...query }: z.output<Q>): TopicSpans => route.spansOf?.(query) ?? {};
  app.withTypeProvider<ZodTypeProvider>().get(
    route.path,
    {
      config: {
        access: 'read',
        cacheable: route.cacheable ?? true,
        ...(route.dependsOn ? { dependsOn: route.dependsOn } : {}),
        ...(route.spansOf ? { readSpans: (query: unknown) => spansOf(query as z.output<Q>) } : {}),
      },
      schema: {
        tags: route.tags,
        summary: route.summary,
        querystring: route.querystring,
        response: tableResponses(route.item ?? route.table.row, route.formats, route.description),
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query as z.output<Q>;
      const chosen = negotiateFormat(format, request.headers.accept, route.formats);
      const load = (): Promise<readonly T[]> => route.load(app.db, query as Omit<z.output<Q>, 'format'>);
      const version = app.db.versionOf(route.dependsOn, spansOf(query as z.output<Q>));
      const rows =
        route.cacheAs === undefined
          ? await load()
          : await app.resultCache.get(version, `${route.cacheAs} ${JSON.stringify(query)}`, load);
      return sendTable(reply, chosen, rows, route.table, route.cacheAs !== undefined);
    },
  );
}
