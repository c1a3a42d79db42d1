import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import {
  clusterReason,
  clusterReasonSql,
  notStickySql,
  readReasonSql,
  STANDARD_REASONS,
  storedReason,
  storedReasonSql,
} from '../../../../analytics/triage/route-reasons.js';
import { ROUTES, STICKY_ROUTES } from '../../../../domain/triage.js';

const ROUTED: [string | null, string | null][] = [
  ['optimisation', STANDARD_REASONS.optimisation],
  ['construction', STANDARD_REASONS.construction],
  ['unlocated', STANDARD_REASONS.unlocated],
  ['priority', 'major cluster INC-1'],
  ['reply_planned', 'planned site PLN-1 at 0.5 km'],
  // A name an object already has (a prototype's key) is no route of the three.
  ['toString', 'kept'],
  [null, null],
];

describe('route reasons as stored and as read', () => {
  it('stores NULL exactly for the three routes whose reason follows from the route', () => {
    expect(ROUTED.map(([route, reason]) => storedReason(route, reason))).toEqual([
      null,
      null,
      null,
      'major cluster INC-1',
      'planned site PLN-1 at 0.5 km',
      'kept',
      null,
    ]);
  });

  it('reads back in SQL every reason the rules gave, and stores in SQL what storedReason stores', async () => {
    const rows = ROUTED.map(([route, reason]) => `(${sql(route)}, ${sql(reason)})`).join(', ');
    const got = await selectInMemory(
      `SELECT ${storedReasonSql('route', 'reason')} AS stored,
         ${readReasonSql('route', storedReasonSql('route', 'reason'))} AS read
       FROM (VALUES ${rows}) v(route, reason)`,
    );
    expect(got.map((r) => r.stored)).toEqual(ROUTED.map(([route, reason]) => storedReason(route, reason)));
    expect(got.map((r) => r.read)).toEqual(ROUTED.map(([, reason]) => reason));
  });

  it('gives the cluster reason in SQL as in JS, for coverage and other complaints', async () => {
    const got = await selectInMemory(
      `SELECT ${clusterReasonSql('id', 'coverage')} AS reason
       FROM (VALUES ('INC-7', true), ('INC-8', false)) v(id, coverage)`,
    );
    expect(got.map((r) => r.reason)).toEqual([clusterReason('INC-7', true), clusterReason('INC-8', false)]);
    expect(clusterReason('INC-7', true)).toBe('major cluster INC-7, coverage, no construction plan');
    expect(clusterReason('INC-8', false)).toBe('major cluster INC-8');
  });

  it('lets a complaint leave every route in SQL but the sticky ones (and no route yet)', async () => {
    const routes: (string | null)[] = [...ROUTES, null];
    const values = routes.map((r) => `(${sql(r)})`).join(', ');
    const got = await selectInMemory(`SELECT ${notStickySql('route')} AS movable FROM (VALUES ${values}) v(route)`);
    const movable = got.map((r) => r.movable);
    expect(movable).toEqual(routes.map((r) => r === null || !(STICKY_ROUTES as readonly string[]).includes(r)));
    expect(movable.filter((m) => m === false)).toHaveLength(2);
  });
});

/** The rows of one SELECT, run by DuckDB in a database of its own (in memory). */
async function selectInMemory(query: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(query)).getRowObjectsJS();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function sql(text: string | null): string {
  return text === null ? 'NULL::VARCHAR' : `'${text.replaceAll("'", "''")}'`;
}
