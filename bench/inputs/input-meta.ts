import { readFileSync, writeFileSync } from 'node:fs';

/** What a prepared input says of itself (size, generator, timings), or undefined when it was never written whole. */
export function readInputMeta<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Written last, once the input is complete, so a run cut short leaves no meta and is prepared again. */
export function writeInputMeta(path: string, meta: object): void {
  writeFileSync(path, JSON.stringify(meta, null, 2));
}
