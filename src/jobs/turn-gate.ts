// Lets a few callers through per turn of the event loop and the rest on later turns. A burst of new jobs
// would otherwise start all their fal work at once, and the interactions still arriving (which must be
// acknowledged within Discord's 3 seconds) would wait behind it; between two turns Node reads the sockets.
export class TurnGate {
  private readonly queue: (() => void)[] = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly perTurn: number) {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new RangeError(`perTurn must be a positive integer, got ${perTurn}`);
  }

  /** Resolves on a later turn of the event loop, in the order of the calls. */
  pass(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const end = Math.min(this.queue.length, this.head + this.perTurn);
      for (; this.head < end; this.head++) this.queue[this.head]!();
      if (this.head === this.queue.length) {
        this.queue.length = 0;
        this.head = 0;
      } else this.schedule();
    });
  }
}
