import type { DuckDBConnection } from '@duckdb/node-api';

/** Bits per id held (at least): with 4 probes, a few ids in 1,000 that are not stored still need the index. */
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

  /**
   * Reads the hash of every stored id, computed by DuckDB (`hash()`, on its own threads), a chunk at a
   * time: the main thread only sets bits (no id becomes a JavaScript string), and each chunk's fetch lets
   * other work run. `progress` hears the share of ids read.
   * @throws Error when this DuckDB hashes a stored id differently from `duckdbHash` (a new DuckDB version):
   * the owner then keeps no filter and every id is looked up.
   */
  static async load(conn: DuckDBConnection, progress?: (share: number) => void): Promise<StoredIds> {
    await checkSameHash(conn);
    const count = Number((await conn.runAndReadAll('SELECT count(*) FROM complaints')).getRowsJS()[0]?.[0] ?? 0);
    let size = MIN_BITS;
    while (size < count * 2 * BITS_PER_ID) size *= 2;
    const held = new StoredIds(new Uint32Array(size / 32));
    const result = await conn.stream(
      `SELECT (h & 4294967295)::UINTEGER AS lo, (h >> 32)::UINTEGER AS hi
       FROM (SELECT hash(complaint_id) AS h FROM complaints)`,
    );
    let read = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [lo, hi] = [chunk.getColumnValues(0) as number[], chunk.getColumnValues(1) as number[]];
      for (let i = 0; i < lo.length; i += 1) held.set(lo[i]!, hi[i]!);
      read += chunk.rowCount;
      progress?.(read / count);
    }
    return held;
  }

  /** Whether `id` may be stored (false: surely not). */
  mayHold(id: string): boolean {
    const [lo, hi] = duckdbHash(id);
    for (let i = 0; i < PROBES; i += 1) {
      const bit = this.probe(lo, hi, i);
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  add(id: string): void {
    const [lo, hi] = duckdbHash(id);
    this.set(lo, hi);
  }

  private set(lo: number, hi: number): void {
    for (let i = 0; i < PROBES; i += 1) {
      const bit = this.probe(lo, hi, i);
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /**
   * The `i`th probe's bit of a hash given as its low and high 32 bits. Blocked: the low bits pick one
   * 512-bit block (a cache line) and 9 bits each of the rest place the probes in it, so adding or testing
   * an id touches one line of memory (a load of millions of ids is bound by cache misses, not hashing).
   */
  private probe(lo: number, hi: number, i: number): number {
    const inBlock = i < 3 ? hi >>> (9 * i) : (hi >>> 27) | ((lo >>> 27) << 5);
    return ((lo << 9) & this.mask) | (inBlock & 511);
  }
}

const utf8 = new TextEncoder();
/** 0xd6e8feb86659fd93 and 0xc6a4a7935bd1e995 as high and low 32 bits. */
const MIX = [0xd6e8feb8, 0x6659fd93] as const;
const SEED_MIX = [0xc6a4a793, 0x5bd1e995] as const;

/**
 * DuckDB's `hash()` of a VARCHAR (src/common/types/hash.cpp, `HashBytes`): its UTF-8 bytes mixed 8 at a
 * time (little-endian, the last block zero-padded) into a seed of the length, then the 64-bit murmur
 * finaliser. The filter is loaded from DuckDB's hashes and probed with these, so they must agree:
 * `checkSameHash` checks it on stored ids at every load, and a test on random text. Computed on 32-bit
 * halves (a BigInt version costs ten times as much); answers the 64-bit hash as [low, high].
 */
export function duckdbHash(text: string): [number, number] {
  const bytes = utf8.encode(text);
  let [hi, lo] = multiply(0, bytes.length, ...SEED_MIX);
  lo = (lo ^ 0xe17a1465) >>> 0;
  for (let at = 0; at < bytes.length; at += 8) {
    const [blockLo, blockHi] = [word(bytes, at), word(bytes, at + 4)];
    [hi, lo] = multiply((hi ^ blockHi) >>> 0, (lo ^ blockLo) >>> 0, ...MIX);
  }
  for (let round = 0; round < 2; round += 1) [hi, lo] = multiply(hi, (lo ^ hi) >>> 0, ...MIX);
  return [(lo ^ hi) >>> 0, hi];
}

/** The little-endian 32-bit word of `bytes` at `at`, zero past the end. */
function word(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0
  );
}

/** (hi, lo) × (bh, bl) modulo 2^64, each half an unsigned 32-bit number; answers [high, low]. */
function multiply(hi: number, lo: number, bh: number, bl: number): [number, number] {
  const [a0, a1, b0, b1] = [lo & 0xffff, lo >>> 16, bl & 0xffff, bl >>> 16];
  const [p00, p01, p10] = [a0 * b0, a0 * b1, a1 * b0];
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const low = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  // Every term below 2^53, so the sum is exact before it is cut to 32 bits.
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  return [(carry + Math.imul(lo, bh) + Math.imul(hi, bl)) >>> 0, low];
}

/** Compares `duckdbHash` with this DuckDB's `hash()` on a sample of stored ids (and a few made up). */
async function checkSameHash(conn: DuckDBConnection): Promise<void> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT id, hash(id) AS h FROM ((SELECT complaint_id AS id FROM complaints LIMIT 64)
       UNION ALL SELECT unnest(['', 'a', 'abcdefgh', 'abcdefghi', 'ünïcødé-投诉-😀', repeat('x', 40)]))`,
    )
  ).getRowsJS();
  const differ = rows.find(([id, h]) => {
    const [lo, hi] = duckdbHash(String(id));
    return BigInt(lo) + (BigInt(hi) << 32n) !== h;
  });
  if (differ) throw new Error(`DuckDB hashes ${JSON.stringify(differ[0])} differently: no id filter`);
}
