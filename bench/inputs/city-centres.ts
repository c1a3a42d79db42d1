import type { DuckDBConnection } from '@duckdb/node-api';
import { SHARED_DATASETS_DIR } from '../harness/paths.js';

/** How many city centres the synthetic province has. */
export const CITY_COUNT = 13;

/**
 * Creates the temp table `cities(ci, city, lat, lon, pop, lo, hi)`: the most populous
 * Heilongjiang cities of the real simplemaps file, with [lo, hi) their share of the population
 * laid end to end on [0, 1), so a uniform draw picks a city in proportion to its population.
 */
export async function createCityCentres(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE cities AS
     WITH c AS (
       SELECT city_ascii AS city, lat::DOUBLE AS lat, lng::DOUBLE AS lon, population::DOUBLE AS pop
       FROM read_csv($path, header = true, all_varchar = true)
       WHERE country = 'China' AND admin_name = 'Heilongjiang'
       ORDER BY pop DESC LIMIT $count)
     SELECT row_number() OVER (ORDER BY pop DESC) - 1 AS ci, city, lat, lon, pop,
       (sum(pop) OVER (ORDER BY pop DESC) - pop) / sum(pop) OVER () AS lo,
       sum(pop) OVER (ORDER BY pop DESC) / sum(pop) OVER () AS hi
     FROM c`,
    { path: `${SHARED_DATASETS_DIR}simplemaps_worldcities_basic.csv`, count: CITY_COUNT },
  );
}
