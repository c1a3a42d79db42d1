import { CellpulseError } from '../../../domain/errors.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * Deepest nesting of arrays and objects a request body may have. Complaints are flat objects in
 * an array (depth 2); anything far deeper is an attack or a mistake, and deep values overflow the
 * stack of every recursive walker after the parser (JSON.stringify, zod, the ingest).
 */
export const MAX_BODY_DEPTH = 32;

/** Refuses (400) a parsed body nested deeper than MAX_BODY_DEPTH, before any route sees it. */
export const bodyDepthPlugin = sharedPlugin('cellpulse-body-depth', async (app) => {
  app.addHook('preValidation', async (request) => {
    if (!isDeeperThan(request.body, MAX_BODY_DEPTH)) return;
    throw new CellpulseError(
      'bad_request',
      `the body is nested deeper than ${MAX_BODY_DEPTH} levels of arrays and objects; send a flat array of records`,
    );
  });
});

/** Whether a parsed JSON value nests deeper than `limit`, walked with a stack (never recursion). */
export function isDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [object, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
