/**
 * Which stored sequence numbers a room's copy of the board holds: every one up to `through`,
 * and some ranges past it that arrived early. Ranges come whole (one per stored turn) and never overlap.
 */
export class HeldSeqs {
  private ahead: Array<{ from: number; to: number }> = [];

  constructor(private last: number) {}

  /** Every sequence number up to this one is held. */
  get through(): number {
    return this.last;
  }

  /** Some range past `through` is held while one before it is missing. */
  get hasGap(): boolean {
    return this.ahead.length > 0;
  }

  holds(from: number, to: number): boolean {
    return to <= this.last || this.ahead.some((r) => r.from === from && r.to === to);
  }

  add(from: number, to: number): void {
    if (this.holds(from, to)) return;
    this.ahead.push({ from, to });
    this.ahead.sort((a, b) => a.from - b.from);
    this.fold();
  }

  /** Everything up to `seq` is held now (caught up from the store). */
  advanceTo(seq: number): void {
    this.last = Math.max(this.last, seq);
    this.ahead = this.ahead.filter((r) => r.to > this.last);
    this.fold();
  }

  private fold(): void {
    while (this.ahead.length > 0 && this.ahead[0]!.from <= this.last + 1) {
      this.last = Math.max(this.last, this.ahead.shift()!.to);
    }
  }
}
