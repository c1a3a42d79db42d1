/** Union-find over row numbers: the complaints joined into one incident end up with one root. */
export class RowUnion {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i += 1) this.parent[i] = i;
  }

  find(row: number): number {
    const parent = this.parent;
    while (parent[row] !== row) {
      const up = parent[parent[row]!]!;
      parent[row] = up;
      row = up;
    }
    return row;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}
