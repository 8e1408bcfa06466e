// Timers for far-off moments. Node fires a setTimeout longer than 2^31−1 ms (24.8 days) at once, so a wait is
// chained in chunks of at most that, each re-reading the clock; a moment already past fires on the next tick.
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class PhaseClock {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `task` at `at` (epoch ms), replacing what was scheduled under `key`. */
  at(key: string, at: number, task: () => void): void {
    this.cancel(key);
    const step = () => {
      const left = at - this.now();
      if (left > 0) {
        this.timers.set(key, setTimeout(step, Math.min(left, MAX_TIMER_MS)));
        return;
      }
      this.timers.delete(key);
      task();
    };
    this.timers.set(key, setTimeout(step, Math.max(0, Math.min(at - this.now(), MAX_TIMER_MS))));
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  has(key: string): boolean {
    return this.timers.has(key);
  }

  get size(): number {
    return this.timers.size;
  }

  /** Clears every timer (later calls to at() schedule again). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
