// Edits one message with the latest text: at most one edit per interval, only when the text changed,
// and never two edits in flight. Intermediate texts are dropped; the newest one always gets through.
export class ThrottledEditor {
  private lastSent: string | undefined;
  private lastStart: number;
  private pending: string | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /** `lastEditAt`: when the message was last written (e.g. the defer), so the first edit also waits its turn. */
  constructor(
    private readonly send: (text: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    lastEditAt = Number.NEGATIVE_INFINITY,
  ) {
    this.lastStart = lastEditAt;
  }

  show(text: string): void {
    if (this.closed) return;
    this.pending = text;
    this.pump();
  }

  /** Counts the interval from now (plus `offsetMs`), as if the message had just been written then. */
  restartInterval(offsetMs = 0): void {
    this.lastStart = Math.max(this.lastStart, performance.now() + offsetMs);
  }

  /** Stops editing and waits for an edit in flight, so the caller's next edit cannot be overtaken. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending = undefined;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private pump(): void {
    if (this.closed || this.inFlight || this.timer || this.pending === undefined) return;
    if (this.pending === this.lastSent) {
      this.pending = undefined;
      return;
    }
    const wait = this.lastStart + this.intervalMs - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    const text = this.pending;
    this.pending = undefined;
    this.lastStart = performance.now();
    this.inFlight = this.send(text)
      .then(
        () => void (this.lastSent = text),
        (error: unknown) => this.onError(error),
      )
      .finally(() => {
        this.inFlight = undefined;
        this.pump();
      });
  }
}
