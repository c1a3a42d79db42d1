/**
 * How many things of one kind are underway (writes waiting or running, write requests being
 * answered), with a promise for the moment none is left.
 */
export class UnderwayCount {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  begin(): void {
    this.count += 1;
  }

  end(): void {
    this.count -= 1;
    if (this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Settles at once when none is underway, else when the last of them ends. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
