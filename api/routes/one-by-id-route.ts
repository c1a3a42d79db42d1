import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { readOneOptions } from './route-options.js';

export interface OneByIdRoute<T extends z.ZodType> {
  /** The path, ending in `:id`. */
  path: string;
  tags: string[];
  summary: string;
  params: z.ZodType<{ id: string }>;
  item: T;
  /** What the route answers, for the 404's message: "no {noun} with this id". */
  noun: string;
  /** Reads the one row, or undefined when there is none with this id. */
  load: (db: Database, id: string) => Promise<z.output<T> | undefined>;
}

/** Registers `GET …/:id`: the one object with this id, or a 404 `not_found` naming the id. */
export function oneByIdRoute<T extends z.ZodType>(app: FastifyInstance, route: OneByIdRoute<T>): void {
  // The params and the answer are checked by the zod schemas given here (the app's validator and serializer).
  app.get(
    route.path,
    readOneOptions({ tags: route.tags, summary: route.summary, params: route.params, response: { 200: route.item } }),
    async (request) => {
      const { id } = request.params as { id: string };
      const row = await route.load(app.db, id);
      if (row === undefined) throw new CellpulseError('not_found', `no ${route.noun} with this id`, id);
      return row;
    },
  );
}
