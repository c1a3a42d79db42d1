import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Command } from 'commander';
import { quoteLiteral } from '../store/sql-files.js';

const SHARED = '/work/shared/datasets/';

export interface OpenCellIdOptions {
  /** An OpenCellID export (no header; .csv or .csv.gz). */
  input: string;
  /** The sites CSV to write. */
  output: string;
  /** simplemaps World Cities Basic, for the nearest-city name of each cell. */
  cities: string;
  /** simplemaps `country` whose cities name the cells. */
  country: string;
}

/**
 * Reads an OpenCellID export (no header; radio,mcc,net,area,cell,unit,lon,lat,range,samples,
 * changeable,created,updated,averageSignal) into the temp table `ocid`, rows numbered `rid`.
 */
export async function readOpenCellId(conn: DuckDBConnection, path: string): Promise<void> {
  await conn.run(
    `CREATE TEMP TABLE ocid AS SELECT row_number() OVER () AS rid, * FROM read_csv($path, header = false, columns = {
       'radio': 'VARCHAR', 'mcc': 'INTEGER', 'net': 'INTEGER', 'area': 'BIGINT', 'cell': 'BIGINT', 'unit': 'INTEGER',
       'lon': 'DOUBLE', 'lat': 'DOUBLE', 'range': 'BIGINT', 'samples': 'BIGINT', 'changeable': 'INTEGER',
       'created': 'BIGINT', 'updated': 'BIGINT', 'averageSignal': 'INTEGER'})`,
    { path },
  );
}

/**
 * The sites file's rows of `table` (rows of `ocid`, possibly moved) with each cell's nearest city of the temp table
 * `cities` (city, lat, lon): UMTS maps to WCDMA; radio-mcc-net-area-cell is the cell id; LTE and NR cells share a
 * site id by eNB/gNB id, others by rounded position; `rest` adds the columns after the point.
 */
export function openCellIdSitesQuery(table: string, rest: string): string {
  return `WITH nearest AS (
      SELECT o.rid, arg_min(c.city, pow(o.lat - c.lat, 2) + pow((o.lon - c.lon) * cos(radians(c.lat)), 2)) AS city
      FROM ${table} o CROSS JOIN cities c GROUP BY o.rid)
    SELECT concat_ws('-', radio, mcc, net, area, cell) AS cell_id,
      CASE radio WHEN 'LTE' THEN concat_ws('-', radio, mcc, net, cell // 256)
                 WHEN 'NR' THEN concat_ws('-', radio, mcc, net, cell // 4096)
                 ELSE concat_ws('-', radio, mcc, net, round(lat, 3), round(lon, 3)) END AS site_id,
      n.city,
      CASE radio WHEN 'UMTS' THEN 'WCDMA' ELSE radio END AS technology,
      round(lat, 6) AS lat, round(lon, 6) AS lon, ${rest}
    FROM ${table} JOIN nearest n USING (rid)
    ORDER BY rid`;
}

/**
 * Converts an OpenCellID export into a cellpulse sites CSV where it lies (unlike the benchmark
 * layout in bench/inputs/site-layout.ts, which moves the UK layout onto Heilongjiang): UMTS maps
 * to WCDMA; radio-mcc-net-area-cell is the cell id; LTE and NR cells share a site id by eNB/gNB
 * id, others by rounded position; city = the nearest simplemaps city of `country`; status active.
 * @returns the number of cells written.
 */
export async function convertOpenCellId(options: OpenCellIdOptions): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await readOpenCellId(conn, options.input);
    await conn.run(
      `CREATE TEMP TABLE cities AS SELECT city_ascii AS city, lat::DOUBLE AS lat, lng::DOUBLE AS lon
       FROM read_csv($cities, header = true, all_varchar = true) WHERE country = $country`,
      { cities: options.cities, country: options.country },
    );
    // COPY takes no parameter for its target: the output path goes in as a quoted literal.
    await conn.run(
      `COPY (${openCellIdSitesQuery('ocid', "NULL AS azimuth, 'active' AS status")})
       TO ${quoteLiteral(options.output)} (HEADER, DELIMITER ',')`,
    );
    return Number((await conn.runAndReadAll('SELECT count(*) FROM ocid')).getRowsJS()[0]?.[0]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const options = new Command('opencellid')
    .description('convert an OpenCellID export into a cellpulse sites CSV')
    .option('--input <file>', 'OpenCellID export (.csv or .csv.gz, no header)', `${SHARED}opencellid_uk_234.csv.gz`)
    .requiredOption('--out <file>', 'sites CSV to write')
    .option('--cities <file>', 'simplemaps World Cities Basic CSV', `${SHARED}simplemaps_worldcities_basic.csv`)
    .option('--country <name>', 'simplemaps country naming the cells', 'United Kingdom')
    .parse(process.argv)
    .opts<{ input: string; out: string; cities: string; country: string }>();
  const cells = await convertOpenCellId({
    input: options.input,
    output: options.out,
    cities: options.cities,
    country: options.country,
  });
  console.log(JSON.stringify({ cells, out: options.out }));
}
