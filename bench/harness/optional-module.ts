import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT_DIR } from './paths.js';

/**
 * Imports a module of the project that may not have landed yet (another engineer is writing
 * it), so the bench can report "not yet measured" instead of failing to load.
 * @returns the module, or undefined when its file does not exist.
 */
export async function importIfPresent<T>(pathFromRoot: string): Promise<T | undefined> {
  const file = `${ROOT_DIR}${pathFromRoot}`;
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as T;
}
