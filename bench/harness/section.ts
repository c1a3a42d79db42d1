import type { ComplaintFiles } from '../inputs/complaint-files.js';
import type { LoadedDatabase } from '../inputs/loaded-database.js';
import type { CaseArgs } from './case-types.js';

/** A target of the benchmark issue checked against a measurement of this run. */
export interface TargetCheck {
  name: string;
  goal: string;
  measured: string;
  /** null when it could not be checked (not measured). */
  met: boolean | null;
  /** The cellpulse case to profile when the target is missed, and the input size it ran at. */
  profile?: { caseName: string; args: CaseArgs; size: number };
}

/** One benchmark's part of the report: a table, notes, targets and the raw numbers. */
export interface Section {
  id: string;
  title: string;
  headers: string[];
  rows: string[][];
  notes: string[];
  targets: TargetCheck[];
  records: unknown[];
}

/** What every benchmark gets from the runner. */
export interface BenchContext {
  quick: boolean;
  sizes: number[];
  /** Interleaved repeats per side at this input size (fewer at 10M, where one run takes minutes). */
  repeatsFor: (size: number) => number;
  /** Cap for a peer that may never finish (the naive SQL), ms. */
  capMs: number;
  log: (line: string) => void;
  files: (size: number) => Promise<ComplaintFiles>;
  loaded: (size: number) => Promise<LoadedDatabase>;
}

export function emptySection(id: string, title: string, headers: string[]): Section {
  return { id, title, headers, rows: [], notes: [], targets: [], records: [] };
}
