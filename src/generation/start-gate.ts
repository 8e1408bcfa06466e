// Decides when a new job may start its fal work. Discord gives an interaction 3 seconds to be acknowledged;
// a job's fal work (submit, status stream) only has to start soon. So during a burst of interactions (until
// for quietMs none arrived and no acknowledgement was answered) starts wait, at most maxHoldMs, and then go a
// few per turn of the event loop (one per turn while the burst goes on), so that Node reads the sockets (the
// next interactions among them) between two of them. An acknowledgement on the wire needs no CPU, so starts
// do not wait for the answer itself (over a real network 50–300 ms), only for a pause around it.
import { Fifo } from "../fifo.js";

interface Waiting {
  resolve(): void;
  since: number;
}

export interface StartGateOptions {
  /** Starts let through per turn of the event loop once the interactions paused. */
  perTurn: number;
  /** How long a start waits for a burst to pause before it goes anyway (one per turn). */
  maxHoldMs: number;
  /** A pause this long in the interactions and their answers ends a burst. */
  quietMs: number;
}

export class StartGate {
  private readonly queue = new Fifo<Waiting>();
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private lastActivityAt = -Infinity;

  constructor(private readonly options: StartGateOptions) {
    if (!Number.isInteger(options.perTurn) || options.perTurn < 1) throw new RangeError(`perTurn must be a positive integer, got ${options.perTurn}`);
    if (!(options.quietMs > 0)) throw new RangeError(`quietMs must be positive, got ${options.quietMs}`);
  }

  /** An interaction arrived and is being acknowledged; call the returned function once the answer came. */
  acknowledgement(): () => void {
    this.lastActivityAt = performance.now();
    return () => {
      this.lastActivityAt = performance.now();
    };
  }

  /** Resolves on a later turn of the event loop, in the order of the calls. */
  pass(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ resolve, since: performance.now() });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.release();
    });
  }

  private release(): void {
    const oldest = this.queue.peek();
    if (!oldest) return;
    const now = performance.now();
    const burst = now - this.lastActivityAt < this.options.quietMs;
    if (burst && now - oldest.since < this.options.maxHoldMs) {
      // Looks again after quietMs: one fixed duration, so re-arming stays cheap (Node keeps a timer list per duration).
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, this.options.quietMs);
      return;
    }
    for (let left = burst ? 1 : this.options.perTurn; left > 0 && this.queue.size > 0; left--) this.queue.shift()!.resolve();
    if (this.queue.size > 0) this.schedule();
  }
}
