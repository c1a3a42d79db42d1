import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { ROOT_DIR } from './paths.js';

/** What the numbers were measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  cpuMhz: number;
  totalMemGiB: number;
  freeMemGiB: number;
  os: string;
  node: string;
  duckdb: string;
  duckdbNodeApi: string;
  h3js: string;
  loadAverage: number[];
}

export async function machineInfo(): Promise<MachineInfo> {
  const list = cpus();
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const version = String((await conn.runAndReadAll('SELECT version()')).getRowsJS()[0]?.[0]);
  conn.closeSync();
  instance.closeSync();
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    cpuMhz: list[0]?.speed ?? 0,
    totalMemGiB: totalmem() / 2 ** 30,
    freeMemGiB: freemem() / 2 ** 30,
    os: `${platform()} ${release()}`,
    node: process.version,
    duckdb: version,
    duckdbNodeApi: packageVersion('@duckdb/node-api'),
    h3js: packageVersion('h3-js'),
    loadAverage: loadAverage(),
  };
}

function packageVersion(name: string): string {
  try {
    return String(
      (JSON.parse(readFileSync(`${ROOT_DIR}node_modules/${name}/package.json`, 'utf8')) as { version: string }).version,
    );
  } catch {
    return 'unknown';
  }
}

function loadAverage(): number[] {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {
    return [];
  }
}
