import type { FastifySchema } from 'fastify';
import { errorResponses } from '../schemas/common.js';

/** A route's OpenAPI schema: tags, summary, its inputs and its own answers (status → zod schema). */
interface RouteSchema extends Omit<FastifySchema, 'response'> {
  tags: string[];
  summary: string;
  response: Record<number, unknown>;
}

/** The error answers every route may give, beside the route's own (a route's own 409 etc. is kept). */
function withErrors<const S extends RouteSchema>(schema: S) {
  return { ...schema, response: { ...errorResponses, ...schema.response } };
}

/**
 * Options of a read route that answers one object (tables go through table-route.ts): cacheable by data version,
 * with the usual error answers documented.
 */
export function readOneOptions<const S extends RouteSchema>(schema: S) {
  return { config: { access: 'read', cacheable: true } as const, schema: withErrors(schema) };
}

/** Options of a write route: it takes a write key (SPEC §8), says so in OpenAPI, and documents the error answers. */
export function writeOptions<const S extends RouteSchema>(schema: S) {
  return { config: { access: 'write' } as const, schema: { ...withErrors(schema), security: [{ apiKey: [] }] } };
}
