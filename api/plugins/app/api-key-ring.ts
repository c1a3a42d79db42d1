import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is hashed and compared
 * with every stored digest in constant time (no early exit), so neither the keys nor the
 * position of a match leak through memory dumps or timing.
 */
export class ApiKeyRing {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = [...new Set(keys)].map(sha256);
  }

  get size(): number {
    return this.digests.length;
  }

  /** A short, non-secret id of the matching key (first 8 hex digits of its digest), or undefined. */
  identify(presented: string | undefined): string | undefined {
    if (presented === undefined || presented === '') return undefined;
    const digest = sha256(presented);
    let match: Buffer | undefined;
    for (const stored of this.digests) {
      if (timingSafeEqual(stored, digest)) match = stored;
    }
    return match === undefined ? undefined : `key:${match.toString('hex', 0, 4)}`;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
