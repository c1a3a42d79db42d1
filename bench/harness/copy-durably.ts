import { closeSync, copyFileSync, fsyncSync, openSync } from 'node:fs';

/**
 * Copies a database for a measured case and waits until the copy is on disk: otherwise the kernel
 * writes a 1 GB copy back while the case runs, and the first figures measure that writeback
 * (seen as a 10M database's POSTs and even /healthz slower than the 1M one's in the same run).
 */
export function copyDurably(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
