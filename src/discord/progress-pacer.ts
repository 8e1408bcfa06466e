// One budget for the progress edits of every reply: at most `perSecond` a second (a second's worth may go at once
// after a quiet spell), handed out in the order the replies asked. With a few jobs in flight nobody waits; under a
// flood each reply's progress moves less often, and progress costs the bot (and Discord) a fixed amount instead
// of growing with the jobs in flight, so it does not slow the results down. Results do not go through it.
import { Fifo } from "../fifo.js";

/** The bot's budget: progress edits of all replies together, per second. */
export const progressEditsPerSecond = 20;

/** Called when an edit's turn comes; false when it had nothing to send any more (the turn goes to the next). */
type Go = () => boolean;

interface Turn {
  go: Go;
  withdrawn: boolean;
}

export interface EditTurns {
  /** Calls `go` when this edit's turn comes (never before `wait` returned); the returned function gives the turn up. */
  wait(go: Go): () => void;
}

export class ProgressPacer implements EditTurns {
  private tokens: number;
  private refilledAt = performance.now();
  private readonly queue = new Fifo<Turn>();
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;

  /** `held`: while it says so (the event loop saturated, see loop-load.ts), no turn is handed out at all. */
  constructor(
    private readonly perSecond: number,
    private readonly held: () => boolean = () => false,
  ) {
    if (!(perSecond >= 1)) throw new RangeError(`perSecond must be at least 1, got ${perSecond}`);
    this.tokens = perSecond;
  }

  wait(go: Go): () => void {
    const turn: Turn = { go, withdrawn: false };
    this.queue.push(turn);
    // Released on a later microtask (or by the timer already set), so the caller has its withdraw function first.
    if (!this.scheduled && !this.timer) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.release();
      });
    }
    return () => {
      turn.withdrawn = true;
    };
  }

  private release(): void {
    const now = performance.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.refilledAt) * this.perSecond) / 1000);
    this.refilledAt = now;
    const held = this.held();
    for (let turn = this.queue.peek(); turn && (turn.withdrawn || (!held && this.tokens >= 1)); turn = this.queue.peek()) {
      this.queue.shift();
      if (turn.withdrawn) continue;
      if (turn.go()) this.tokens -= 1;
    }
    if (this.queue.size === 0) return;
    // One timer at a time, also when a turn asked for another one while this release ran.
    clearTimeout(this.timer);
    // Not keeping the process alive for progress: shutdown closes every editor anyway.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.release();
    }, Math.ceil((held ? 1000 : (1 - this.tokens) * 1000) / this.perSecond));
    this.timer.unref();
  }
}
