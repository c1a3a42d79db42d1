/**
 * An in-process profile of the live write path, to rerun before and after a change on the same
 * machine: live batches of 1 and 100 complaints written by `ingestComplaints` on a copy of the
 * bench's loaded database (`npm run bench` builds it), every DuckDB statement timed. With `--http`
 * the same batches also go through `POST /v1/complaints` on an in-process server over the same
 * file, so the gap between the two is what HTTP, validation and the answer cost.
 *
 *   npx tsx bench/live-profile.ts [--size 100000 | --db FILE] [--posts 60] [--http] [--top 15]
 *
 * `--db` profiles a copy of any cellpulse database instead, e.g. the live bench's service
 * databases (bench/.data/service-1000000.duckdb): the file itself is never written.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ingestComplaints, warmLivePath } from '../api/services/ingest-service.js';
import { createLogger, startServer } from '../api/server.js';
import { Database } from '../store/database.js';
import { ensureDir, SCRATCH_DIR } from './harness/paths.js';
import { traceSql, type SqlTiming } from './harness/sql-trace.js';
import { percentile } from './harness/stats.js';
import { loadedDatabasePath } from './inputs/loaded-database.js';
import { LiveComplaints, type CityCentre, type LiveComplaint } from './live/live-complaints.js';
import { copyDurably } from './harness/copy-durably.js';

const KEY = 'live-profile-key';
const WARM_UP = 5;

type Post = (rows: LiveComplaint[]) => Promise<void>;

async function cityCentres(db: Database): Promise<{ cities: CityCentre[]; endMs: number }> {
  const cities = await db.all(`SELECT city, median(lat) AS lat, median(lon) AS lon FROM complaints
    WHERE lat IS NOT NULL GROUP BY city HAVING count(*) > 100 ORDER BY city`);
  const end = (await db.all('SELECT epoch_ms(max(received_at)) AS t FROM complaints'))[0]!;
  return {
    cities: cities.map((c) => ({ city: String(c.city), lat: Number(c.lat), lon: Number(c.lon) })),
    endMs: Number(end.t) + 60_000,
  };
}

/** `posts` timed batches of `size` after a warm-up, SQL traced over the timed ones. */
async function measure(
  post: Post,
  live: LiveComplaints,
  size: number,
  posts: number,
): Promise<[number[], SqlTiming[]]> {
  for (let i = 0; i < WARM_UP; i += 1) await post(live.batch(size));
  const stop = traceSql();
  const times: number[] = [];
  try {
    for (let i = 0; i < posts; i += 1) {
      const rows = live.batch(size);
      const started = performance.now();
      await post(rows);
      times.push(performance.now() - started);
    }
  } catch (error) {
    stop();
    throw error;
  }
  return [times, stop()];
}

function report(label: string, times: number[], sql: readonly SqlTiming[], top: number): void {
  const total = times.reduce((a, b) => a + b, 0);
  const inSql = sql.reduce((a, s) => a + s.ms, 0);
  const per = (ms: number): string => (ms / times.length).toFixed(2).padStart(7);
  const mean = (ms: number): string => (ms / times.length).toFixed(1);
  console.log(
    `\n${label}: p50 ${percentile(times, 50)!.toFixed(1)} ms, p99 ${percentile(times, 99)!.toFixed(1)} ms,` +
      ` mean ${mean(total)} ms (SQL ${mean(inSql)} ms) over ${times.length}`,
  );
  console.log('  ms/post  cpu/post  calls/post  statement');
  for (const s of sql.slice(0, top)) {
    console.log(
      `  ${per(s.ms)}  ${per(s.cpuMs).padStart(8)}  ${(s.calls / times.length).toFixed(1).padStart(10)}  ${s.sql}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100000' },
      db: { type: 'string' },
      posts: { type: 'string', default: '60' },
      http: { type: 'boolean', default: false },
      top: { type: 'string', default: '15' },
    },
  });
  // One scratch file per process: profiles of two worktrees may run at once.
  const path = `${ensureDir(SCRATCH_DIR)}live-profile-${process.pid}.duckdb`;
  copyDurably(values.db ?? loadedDatabasePath(Number(values.size)), path);
  rmSync(`${path}.wal`, { force: true });
  const db = await Database.open(path);
  await warmLivePath(db); // as the server does once it listens
  const { cities, endMs } = await cityCentres(db);
  const posts = Number(values.posts);
  const top = Number(values.top);
  const direct: Post = async (rows) => void (await ingestComplaints(db, { items: rows, name: 'api' }));
  for (const size of [1, 100]) {
    const live = new LiveComplaints(`direct${size}`, cities, endMs);
    const [times, sql] = await measure(direct, live, size, size === 1 ? posts : Math.ceil(posts / 3));
    report(`in process, ${size} complaint(s)`, times, sql, top);
  }
  if (values.http) await overHttp(db, cities, endMs + 1e9, posts, top);
  await db.close();
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}

async function overHttp(db: Database, cities: CityCentre[], endMs: number, posts: number, top: number): Promise<void> {
  const server = await startServer({
    db,
    port: 0,
    handleSignals: false,
    logger: createLogger('silent'),
    config: { apiKeys: [KEY], rateLimitPerMinute: 0 },
  });
  const http: Post = async (rows) => {
    const headers = { 'content-type': 'application/json', 'x-api-key': KEY };
    const body = JSON.stringify(rows);
    const response = await fetch(`${server.url}/v1/complaints`, { method: 'POST', headers, body });
    await response.json();
    if (response.status !== 200) throw new Error(`POST answered ${response.status}`);
  };
  try {
    for (const size of [1, 100]) {
      const live = new LiveComplaints(`http${size}`, cities, endMs);
      const [times, sql] = await measure(http, live, size, size === 1 ? posts : Math.ceil(posts / 3));
      report(`over HTTP, ${size} complaint(s)`, times, sql, top);
    }
  } finally {
    await server.close();
  }
}

await main();
