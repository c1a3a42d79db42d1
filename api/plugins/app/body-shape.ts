import { CellpulseError } from '../../../domain/errors.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * Deepest nesting of arrays and objects a request body may have. Complaints are flat objects in
 * an array (depth 2); anything far deeper is an attack or a mistake, and deep values overflow the
 * stack of every recursive walker after the parser (JSON.stringify, zod, the ingest).
 */
export const MAX_BODY_DEPTH = 32;

/** A UTF-16 surrogate with no partner: JSON can spell it (`"\ud800"`), UTF-8 and DuckDB cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export type BodyProblem = 'too_deep' | 'lone_surrogate';

const MESSAGES: Record<BodyProblem, string> = {
  too_deep: `the body is nested deeper than ${MAX_BODY_DEPTH} levels of arrays and objects; send flat records`,
  lone_surrogate: 'the body holds a string with an unpaired UTF-16 surrogate (e.g. "\\ud800"); send valid Unicode',
};

/** Refuses (400) a parsed body that is too deep or holds text that is not Unicode, before any route sees it. */
export const bodyShapePlugin = sharedPlugin('cellpulse-body-shape', async (app) => {
  app.addHook('preValidation', async (request) => {
    const problem = bodyProblem(request.body, MAX_BODY_DEPTH);
    if (problem !== undefined) throw new CellpulseError('bad_request', MESSAGES[problem]);
  });
});

/**
 * The first problem of a parsed JSON value: nested deeper than `limit`, or a key or string with
 * a lone surrogate. Walked with a stack, never recursion, and stopped at the first problem.
 */
export function bodyProblem(value: unknown, limit: number): BodyProblem | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? 'lone_surrogate' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const stack: [object, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > limit) return 'too_deep';
    if (!Array.isArray(node) && Object.keys(node).some((key) => LONE_SURROGATE.test(key))) return 'lone_surrogate';
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'string' && LONE_SURROGATE.test(child)) return 'lone_surrogate';
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return undefined;
}
