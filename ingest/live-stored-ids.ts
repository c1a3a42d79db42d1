import type { DuckDBConnection } from '@duckdb/node-api';

/** Bits per id held (at least): with 4 probes, about 1 id in 400 that is not stored still needs the index. */
const BITS_PER_ID = 16;
const PROBES = 4;
const MIN_BITS = 1 << 23;

/**
 * A Bloom filter of the stored complaint ids: a new id it has never seen is surely not stored, so a
 * live batch of new ids skips the key look-up. "Maybe" is only a hint (the look-up decides), so the
 * filter is exact as long as it holds every stored id: its owner adds the ids every live write
 * stores and reloads it after any other write of complaints (store/held-state.ts). Ids removed from
 * the store stay in it, which costs only a look-up.
 */
export class StoredIds {
  private readonly mask: number;

  private constructor(private readonly bits: Uint32Array) {
    this.mask = bits.length * 32 - 1;
  }

  /** Reads every stored id, a chunk at a time (memory stays flat however many ids are held). */
  static async load(conn: DuckDBConnection): Promise<StoredIds> {
    const count = Number((await conn.runAndReadAll('SELECT count(*) FROM complaints')).getRowsJS()[0]?.[0] ?? 0);
    let size = MIN_BITS;
    while (size < count * 2 * BITS_PER_ID) size *= 2;
    const held = new StoredIds(new Uint32Array(size / 32));
    const result = await conn.stream('SELECT complaint_id FROM complaints');
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (const id of chunk.getColumnValues(0)) held.add(String(id));
    }
    return held;
  }

  /** Whether `id` may be stored (false: surely not). */
  mayHold(id: string): boolean {
    const [h1, h2] = hashes(id);
    for (let i = 0; i < PROBES; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  add(id: string): void {
    const [h1, h2] = hashes(id);
    for (let i = 0; i < PROBES; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }
}

/** Two 32-bit FNV-1a hashes of the id's UTF-16 code units (different offsets); the second made odd. */
function hashes(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, (b | 1) >>> 0];
}
