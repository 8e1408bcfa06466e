// How busy the event loop has been lately. Under a flood of jobs the loop saturates, and then every piece of
// work waits behind every other; progress edits are the least urgent of it (the result follows anyway), so
// the progress pacer hands out no turn while the loop is saturated.
import { performance, type EventLoopUtilization } from "node:perf_hooks";

export class LoopLoad {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private busy = false;
  private readonly timer: NodeJS.Timeout;

  /** Saturated: the loop was busy more than `threshold` of the last `windowMs`. */
  constructor(windowMs = 500, private readonly threshold = 0.85) {
    this.timer = setInterval(() => this.sample(), windowMs);
    this.timer.unref();
  }

  get saturated(): boolean {
    return this.busy;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const now = performance.eventLoopUtilization();
    this.busy = performance.eventLoopUtilization(now, this.last).utilization > this.threshold;
    this.last = now;
  }
}
