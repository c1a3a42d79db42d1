import { parseArgs } from 'node:util';

/**
 * The numeric `--name value` options of a stand-alone bench script, each with its default: `numberArgs({ size:
 * 100000 })` reads `--size`. A value that is not a number stops the script before anything is measured.
 */
export function numberArgs<const K extends string>(defaults: Record<K, number>): Record<K, number> {
  const options = Object.fromEntries(
    Object.entries<number>(defaults).map(([name, value]) => [
      name,
      { type: 'string' as const, default: String(value) },
    ]),
  );
  const { values } = parseArgs({ options });
  const parsed = {} as Record<K, number>;
  for (const name of Object.keys(defaults) as K[]) {
    const value = Number(values[name]);
    if (!Number.isFinite(value)) throw new Error(`--${name} ${String(values[name])} is not a number`);
    parsed[name] = value;
  }
  return parsed;
}
