import { gridDisk, isValidCell } from 'h3-js';
import { CellpulseError } from '../../domain/errors.js';

/** Neighbours stored per hexagon: six, or five and an empty slot around a pentagon. */
export const RING = 6;

/**
 * The hexagons the columnar detector can use, as integer ids: the occupied ones (ids of the
 * caller's dictionary, unchanged) followed by their empty neighbours — an empty hexagon can
 * connect two occupied ones into a group. `ring` holds each hexagon's neighbours (-1 for none,
 * or for a neighbour outside the table, which no complaint occupies).
 */
export class HexTable {
  readonly size: number;
  readonly ring: Int32Array;

  /**
   * @param occupied H3 cells at one resolution, each once (their position is their id).
   * @throws CellpulseError invalid_parameter on an invalid cell.
   */
  constructor(occupied: readonly string[]) {
    const ids = new Map<string, number>();
    occupied.forEach((h, i) => ids.set(h, i));
    const all = [...occupied];
    const rings: string[][] = [];
    for (let i = 0; i < occupied.length; i += 1) {
      const around = ringOf(occupied[i]!);
      rings.push(around);
      for (const n of around) {
        if (ids.has(n)) continue;
        ids.set(n, all.length);
        all.push(n);
      }
    }
    // Empty hexagons need their rings too: as middles they join their occupied neighbours.
    for (let i = occupied.length; i < all.length; i += 1) rings.push(ringOf(all[i]!));
    this.size = all.length;
    this.ring = new Int32Array(all.length * RING).fill(-1);
    rings.forEach((around, i) => around.forEach((n, k) => (this.ring[i * RING + k] = ids.get(n) ?? -1)));
  }

  /** Whether a and b are neighbours (grid distance 1). */
  adjacent(a: number, b: number): boolean {
    const base = a * RING;
    for (let k = 0; k < RING; k += 1) if (this.ring[base + k] === b) return true;
    return false;
  }
}

function ringOf(h: string): string[] {
  if (!isValidCell(h)) throw new CellpulseError('invalid_parameter', 'h3 is not a valid H3 cell', h);
  return gridDisk(h, 1).filter((n) => n !== h);
}
