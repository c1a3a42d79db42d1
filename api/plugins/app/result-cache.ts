import { LruMap } from './lru-map.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * A small LRU of computed results keyed by what they depend on: heavy answers (hexagons, rates,
 * KPIs) are computed once per query and version of the data they read (`Database.versionOf` of
 * their topics), concurrent asks for the same key share one computation, and a write leaves the
 * answers that do not read what it changed in place; answers of older versions age out.
 */
export class ResultCache {
  private readonly entries: LruMap<string, Promise<unknown>>;

  constructor(private readonly capacity: number) {
    this.entries = new LruMap(capacity);
  }

  /** The cached result of `key` at `version`, computing it with `compute` when absent. */
  async get<T>(version: number | string, key: string, compute: () => Promise<T>): Promise<T> {
    if (this.capacity === 0) return compute();
    return this.lookUp(`${version} ${key}`, compute);
  }

  private lookUp<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit as Promise<T>;
    const pending = compute();
    this.entries.set(key, pending);
    // A failed computation is not kept: the next ask tries again.
    pending.catch(() => this.entries.delete(key, pending));
    return pending;
  }
}

/** Decorates `app.resultCache`. */
export const resultCachePlugin = sharedPlugin('cellpulse-result-cache', async (app) => {
  app.decorate('resultCache', new ResultCache(app.config.resultCacheEntries));
});
