// Edits one message with the latest text: at most one edit per interval, only when the text changed,
// and never two edits in flight. Intermediate texts are dropped; the newest one always gets through.
import type { EditTurns } from "./progress-pacer.js";

export interface ThrottledEditorOptions {
  /** When the message was last written (e.g. the defer), so the first edit also waits its interval. */
  lastEditAt?: number;
  /** A budget shared with other editors: an edit due also waits for its turn there. */
  turns?: EditTurns;
}

export class ThrottledEditor {
  private lastSent: string | undefined;
  private lastStart: number;
  private pending: string | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Gives up the turn this editor waits for in `turns`, while it waits. */
  private withdrawTurn: (() => void) | undefined;
  private closed = false;
  private readonly turns: EditTurns | undefined;

  constructor(
    private readonly send: (text: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    { lastEditAt = Number.NEGATIVE_INFINITY, turns }: ThrottledEditorOptions = {},
  ) {
    this.lastStart = lastEditAt;
    this.turns = turns;
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
    this.withdrawTurn?.();
    this.withdrawTurn = undefined;
    await this.inFlight;
  }

  /**
   * Sends the newest text if it changed, its interval has passed and (with shared turns) its turn came; otherwise
   * arranges to look again (a timer, or a turn to wait for). True when it sent; a turn's holder gets this answer.
   */
  private pump(hasTurn = false): boolean {
    if (this.closed || this.inFlight || this.timer || this.withdrawTurn || this.pending === undefined) return false;
    if (this.pending === this.lastSent) {
      this.pending = undefined;
      return false;
    }
    // Also when the interval restarted (restartInterval) while this edit waited for its turn: it waits again.
    const wait = this.lastStart + this.intervalMs - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return false;
    }
    if (this.turns && !hasTurn) {
      this.withdrawTurn = this.turns.wait(() => {
        this.withdrawTurn = undefined;
        return this.pump(true);
      });
      return false;
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
    return true;
  }
}
