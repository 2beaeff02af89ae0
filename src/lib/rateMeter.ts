/**
 * Messages per second over a sliding one-second window, in ten 100 ms buckets. `tick` is O(1) and
 * allocation-free because it runs once per received message.
 */
export class RateMeter {
  private readonly buckets = new Float64Array(10);
  private current = 0;
  private currentStart = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.currentStart = Math.floor(this.now() / 100) * 100;
  }

  tick(n = 1): void {
    this.advance();
    this.buckets[this.current] = (this.buckets[this.current] ?? 0) + n;
  }

  /** Messages counted in the last second (the nine full buckets plus the current partial one). */
  perSecond(): number {
    this.advance();
    let sum = 0;
    for (const b of this.buckets) sum += b;
    return sum;
  }

  private advance(): void {
    const start = Math.floor(this.now() / 100) * 100;
    let steps = Math.min(10, (start - this.currentStart) / 100);
    while (steps-- > 0) {
      this.current = (this.current + 1) % 10;
      this.buckets[this.current] = 0;
    }
    this.currentStart = start;
  }
}
