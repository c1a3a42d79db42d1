import { isValidCell } from 'h3-js';
import { CellpulseError } from '../../../domain/errors.js';
import { ringOne } from '../rule.js';

/** Neighbours stored per hexagon: six, or five and an empty slot around a pentagon. */
export const RING = 6;

/**
 * The hexagons the columnar detector can use, as integer ids: the occupied ones (ids of the
 * caller's dictionary, unchanged) followed by their empty neighbours — an empty hexagon can
 * connect two occupied ones into a group. `ring` holds each hexagon's neighbours, -1 in unused
 * slots. An occupied hexagon lists all its neighbours; an empty one lists only its occupied
 * neighbours (all the detector reads of it), found from their rings — so H3 is asked once per
 * occupied hexagon, not once per hexagon.
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
    let size = occupied.length;
    const occupiedRings = new Int32Array(occupied.length * RING).fill(-1);
    for (let i = 0; i < occupied.length; i += 1) {
      ringOf(occupied[i]!).forEach((n, k) => {
        let id = ids.get(n);
        if (id === undefined) {
          id = size++;
          ids.set(n, id);
        }
        occupiedRings[i * RING + k] = id;
      });
    }
    this.size = size;
    this.ring = new Int32Array(size * RING).fill(-1);
    this.ring.set(occupiedRings);
    const filled = new Uint8Array(size);
    for (let i = 0; i < occupiedRings.length; i += 1) {
      const n = occupiedRings[i]!;
      if (n >= occupied.length) this.ring[n * RING + filled[n]!++] = (i / RING) | 0;
    }
  }

  /** Whether a and b are neighbours (grid distance 1); a must be occupied. */
  adjacent(a: number, b: number): boolean {
    const base = a * RING;
    for (let k = 0; k < RING; k += 1) if (this.ring[base + k] === b) return true;
    return false;
  }
}

function ringOf(h: string): string[] {
  if (!isValidCell(h)) throw new CellpulseError('invalid_parameter', 'h3 is not a valid H3 cell', h);
  return ringOne(h);
}
