import type { Database } from './database.js';

/** One `T` per open database: `of` makes it on first use, `held` only answers whether it exists. */
export interface PerDatabase<T> {
  of: (db: Database) => T;
  held: (db: Database) => T | undefined;
}

/**
 * One `T` per open database, dropped with the database (a WeakMap): for state a server holds in
 * memory beside its file.
 */
export function perDatabase<T>(make: (db: Database) => T): PerDatabase<T> {
  const values = new WeakMap<Database, T>();
  return {
    of: (db) => {
      let value = values.get(db);
      if (value === undefined) {
        value = make(db);
        values.set(db, value);
      }
      return value;
    },
    held: (db) => values.get(db),
  };
}
