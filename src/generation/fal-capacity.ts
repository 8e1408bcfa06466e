// How many jobs falcord lets be at fal at once. fal runs only so many of an account's requests at a time (2 for a
// new account, up to 40 as credits are bought) and queues the rest first come, first served, where members no
// longer take turns. So unless the operator states the account's limit, falcord finds it: it starts at what every
// account may run and sends one more job each time one starts at once while all are busy; when one of its
// requests waits at fal while others run, the account is full, and the limit drops to the number running. Held
// below the limit, jobs wait in falcord's fair queue instead of fal's.
import type { FairScheduler, Slot, SlotRequest } from "./scheduler.js";

export interface FalCapacityOptions {
  /** The most jobs ever at fal at once (MAX_CONCURRENT_JOBS). */
  ceiling: number;
  /** The account's limit when the operator knows it (FAL_CONCURRENCY_LIMIT): no finding out then. */
  known?: number;
  /** Where finding out starts; default 2, what a new fal account may run. */
  initial?: number;
  /**
   * A request waiting at fal this long while others of ours run means the account is full; shorter waits are fal
   * dispatching or starting a runner. Default 2.5 s: more than two status polls (1 s apart when the stream fails),
   * so a request that started between two polls is not taken for one that waits.
   */
  fullAfterMs?: number;
  /** Once the account's limit was found, no more is sent above it for this long; default 30 s. */
  holdMs?: number;
  /** Told when the limit changes. */
  onChange?(change: { limit: number; reason: "found-full" | "probing" }): void;
  now?: () => number;
}

/** A job's place at fal: its slot, and what fal says of its request. */
export interface FalSlot extends Slot {
  /** fal reports the request waiting in its queue. */
  queued(): void;
  /** fal reports the request running. */
  running(): void;
}

/** Members' turns for the places at fal's account: in this process (FalCapacity) or shared by all (SharedFalCapacity). */
export interface FalTurns {
  /** Waits for the job's turn to go to fal. */
  acquire(request: SlotRequest & { jobId: number }): Promise<FalSlot>;
  /** A place for a job already at fal (resumed after a restart): taken at once, so that new jobs wait for it. */
  occupy(key: string, jobId: number): FalSlot;
  /** Jobs waiting for a turn, and jobs holding one (for the metrics). */
  queue(): Promise<{ waiting: number; running: number }>;
  /** How many jobs may be at fal at once now. */
  readonly limit: number;
  /** Stops what the turns run in the background. */
  stop(): void;
}

type RequestState = "sending" | "queued" | "running" | "released";

export class FalCapacity implements FalTurns {
  private readonly ceiling: number;
  private readonly adaptive: boolean;
  private readonly fullAfterMs: number;
  private readonly holdMs: number;
  private readonly now: () => number;
  private heldUntil = 0;
  private runningCount = 0;
  /** Requests of ours that fal has not reported running: waiting in its queue, or on their way to it. */
  private unstartedCount = 0;

  constructor(
    private readonly scheduler: FairScheduler,
    private readonly options: FalCapacityOptions,
  ) {
    this.ceiling = options.ceiling;
    this.adaptive = options.known === undefined;
    this.fullAfterMs = options.fullAfterMs ?? 2500;
    this.holdMs = options.holdMs ?? 30_000;
    this.now = options.now ?? Date.now;
    scheduler.setLimit(Math.min(this.ceiling, options.known ?? options.initial ?? 2));
  }

  get limit(): number {
    return this.scheduler.limit;
  }

  async queue() {
    return { waiting: this.scheduler.waiting, running: this.scheduler.running };
  }

  async acquire(request: SlotRequest): Promise<FalSlot> {
    return this.watch(await this.scheduler.acquire(request));
  }

  occupy(key: string): FalSlot {
    return this.watch(this.scheduler.occupy(key));
  }

  stop(): void {}

  private watch(slot: Slot): FalSlot {
    let state: RequestState = "sending";
    let fullTimer: NodeJS.Timeout | undefined;
    this.unstartedCount++;
    const leave = () => {
      clearTimeout(fullTimer);
      if (state === "running") this.runningCount--;
      else this.unstartedCount--;
    };
    return {
      queued: () => {
        if (state === "queued" || state === "released") return;
        leave();
        state = "queued";
        this.unstartedCount++;
        fullTimer = setTimeout(() => this.found(), this.fullAfterMs);
        fullTimer.unref();
      },
      running: () => {
        if (state === "running" || state === "released") return;
        leave();
        state = "running";
        this.runningCount++;
        this.probe();
      },
      release: () => {
        if (state === "released") return;
        leave();
        state = "released";
        slot.release();
      },
    };
  }

  /** A request of ours waited at fal while others ran: the account runs no more than those. */
  private found(): void {
    if (!this.adaptive || this.runningCount === 0) return;
    this.heldUntil = this.now() + this.holdMs;
    const limit = Math.max(1, this.runningCount);
    if (limit >= this.scheduler.limit) return;
    this.scheduler.setLimit(limit);
    this.options.onChange?.({ limit, reason: "found-full" });
  }

  /**
   * A request started while every slot was busy, all of ours run and jobs wait: fal may take one more. (While one
   * of ours has not started, fal may be full already: sending more would only queue them there.)
   */
  private probe(): void {
    const { scheduler } = this;
    if (!this.adaptive || this.unstartedCount > 0 || this.now() < this.heldUntil) return;
    if (scheduler.limit >= this.ceiling || scheduler.running < scheduler.limit || scheduler.waiting === 0) return;
    scheduler.setLimit(scheduler.limit + 1);
    this.options.onChange?.({ limit: scheduler.limit, reason: "probing" });
  }
}
