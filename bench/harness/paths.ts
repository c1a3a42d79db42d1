import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, the bench folder, and where generated data and scratch databases live. */
export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
/** Generated inputs and loaded databases, reused between runs (gitignored). */
export const DATA_DIR = `${BENCH_DIR}.data/`;
/** Databases made and removed by one measured case. */
export const SCRATCH_DIR = `${DATA_DIR}scratch/`;
export const PROFILE_DIR = `${DATA_DIR}profiles/`;
export const RESULTS_DIR = `${BENCH_DIR}results/`;
/** Quick and partial runs: kept on this machine only (git keeps one result per full run). */
export const LOCAL_RESULTS_DIR = `${DATA_DIR}results/`;

/** The shared real reference data (OpenCellID, simplemaps). */
export const SHARED_DATASETS_DIR = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

/** Creates `dir` (and its parents) when missing; returns it. */
export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
