// Decides when a new job may start its fal work. Discord gives an interaction 3 seconds to be acknowledged;
// a job's fal work (submit, status stream) only has to start soon. So while acknowledgements are in flight or
// have just been (a burst of interactions), starts wait (at most maxHoldMs), and then go a few per turn of the
// event loop, so that Node reads the sockets (the next interactions among them) between two batches.
interface Waiting {
  resolve(): void;
  since: number;
}

const compactAfter = 1024;

export interface StartGateOptions {
  /** Starts let through per turn of the event loop. */
  perTurn: number;
  /** The longest a start waits for acknowledgements in flight. */
  maxHoldMs: number;
  /** How long after an acknowledgement began the next one counts as part of the same burst. */
  quietMs: number;
}

export class StartGate {
  private readonly queue: Waiting[] = [];
  private head = 0;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private acknowledging = 0;
  private lastAcknowledgementAt = -Infinity;

  constructor(private readonly options: StartGateOptions) {
    if (!Number.isInteger(options.perTurn) || options.perTurn < 1) throw new RangeError(`perTurn must be a positive integer, got ${options.perTurn}`);
  }

  /** An acknowledgement began; call the returned function once it was sent (or failed). */
  acknowledgement(): () => void {
    this.acknowledging += 1;
    this.lastAcknowledgementAt = performance.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.acknowledging -= 1;
      if (this.acknowledging === 0 && this.head < this.queue.length) this.schedule();
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
    if (this.head === this.queue.length) return;
    const now = performance.now();
    const busy = this.acknowledging > 0 || now - this.lastAcknowledgementAt < this.options.quietMs;
    if (busy && now - this.queue[this.head]!.since < this.options.maxHoldMs) {
      // Looks again after quietMs: one fixed duration, so re-arming stays cheap (Node keeps a timer list per
      // duration). Without a quiet period, the end of the last acknowledgement schedules the release.
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, this.options.quietMs || this.options.maxHoldMs);
      return;
    }
    // Held too long while interactions keep coming: one per turn, so acknowledgements still come first.
    const end = Math.min(this.queue.length, this.head + (busy ? 1 : this.options.perTurn));
    for (; this.head < end; this.head++) this.queue[this.head]!.resolve();
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      return;
    }
    // Under a steady stream of starts the queue may never run empty: drop the ones already let through.
    if (this.head >= compactAfter) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.schedule();
  }
}
