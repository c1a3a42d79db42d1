// Rates by triage route (issue 16): `node --import tsx bench/route-rates.ts --db FILE [--repeats 5]`.
// Times the rates a dashboard asks for from the aggregates every write keeps (city, technology, month) beside
// the same groups split by route, which read `complaints` directly (routes change after the write, see
// analytics/rates/complaint-rates.ts). Run it on a copy of a loaded bench database. Prints one JSON line.
import { parseArgs } from 'node:util';
import { complaintRates, type RateQuery } from '../analytics/rates/complaint-rates.js';
import { Database } from '../store/database.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, repeats: { type: 'string', default: '5' } } });
if (values.db === undefined) throw new Error('--db FILE: a copy of a loaded bench database');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const QUERIES: Record<string, RateQuery> = {
  aggregates: { by: ['city', 'technology', 'month'] },
  byRoute: { by: ['city', 'technology', 'route', 'month'] },
  cityRoute: { by: ['city', 'route'] },
};

async function main(): Promise<void> {
  const db = await Database.open(values.db!);
  try {
    const [{ n }] = (await db.all<{ n: bigint }>('SELECT count(*) AS n FROM complaints')) as [{ n: bigint }];
    const medians: Record<string, number> = {};
    for (const [name, query] of Object.entries(QUERIES)) {
      await complaintRates(db, query);
      const times: number[] = [];
      for (let r = 0; r < Number(values.repeats); r += 1) {
        const started = performance.now();
        await complaintRates(db, query);
        times.push(performance.now() - started);
      }
      medians[`${name}_ms`] = Math.round(median(times) * 10) / 10;
    }
    console.log(JSON.stringify({ complaints: Number(n), ...medians }));
  } finally {
    await db.close();
  }
}

await main();
