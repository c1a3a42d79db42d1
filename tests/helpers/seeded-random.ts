/** A small seeded generator (xorshift32) in [0, 1), so a test's random data is the same on every run. */
export function seededRandom(seed: number): () => number {
  // xorshift never leaves 0, so a zero seed starts from 1.
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
