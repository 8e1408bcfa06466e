// Members' turns at fal's account when several processes share it (PostgreSQL): the turns are given in the database
// (store/fal-turns.ts), so that fal's concurrency and the members' fairness hold across all processes. A process
// with jobs waiting runs a round at once and then every `pollMs` (a place another process frees is seen at its next
// round), and again whenever one of its own jobs leaves fal.
import type { FalTurnsRepository } from "../store/fal-turns.js";
import type { FalSlot, FalTurns } from "./fal-capacity.js";
import type { SlotRequest } from "./scheduler.js";

export interface SharedFalCapacityOptions {
  /** How long a request of ours may wait at fal while others run before the account counts as full; default 2.5 s. */
  fullAfterMs?: number;
  /** Once the account's limit was found, no more is sent above it for this long; default 30 s. */
  holdMs?: number;
  /** How often a process with waiting jobs asks for turns; default 250 ms. */
  pollMs?: number;
  /** Told when the limit changes. */
  onChange?(change: { limit: number; reason: "found-full" | "probing" }): void;
  /** A round (or finding the account full) failed; the next round tries again. */
  onError(error: unknown): void;
  now?: () => number;
}

interface Waiter {
  onPosition: ((position: number) => void) | undefined;
  /** The position last passed to onPosition; -1 before the first call. */
  reported: number;
  resolve(slot: FalSlot): void;
  detach(): void;
}

export class SharedFalCapacity implements FalTurns {
  private readonly waiters = new Map<number, Waiter>();
  private known = { limit: 0 };
  private rounding: Promise<void> | undefined;
  private again = false;
  private poller: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(
    private readonly turns: FalTurnsRepository,
    private readonly options: SharedFalCapacityOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get limit(): number {
    return this.known.limit;
  }

  /** Across all processes, read from the database. */
  async queue() {
    const { waiting, held } = await this.turns.line(this.now());
    return { waiting, running: held };
  }

  acquire({ jobId, signal, onPosition }: SlotRequest & { jobId: number }): Promise<FalSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { onPosition, reported: -1, resolve, detach: () => {} };
      if (signal) {
        const abandon = () => {
          this.waiters.delete(jobId);
          reject(signal.reason as Error);
        };
        signal.addEventListener("abort", abandon, { once: true });
        waiter.detach = () => signal.removeEventListener("abort", abandon);
      }
      this.waiters.set(jobId, waiter);
      this.poller ??= setInterval(() => this.kick(), this.options.pollMs ?? 250).unref();
      this.kick();
    });
  }

  occupy(): FalSlot {
    return this.watch();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.poller);
  }

  /** Runs a round now, or right after the one under way. */
  private kick(): void {
    if (this.stopped) return;
    if (this.rounding) {
      this.again = true;
      return;
    }
    this.rounding = this.round().finally(() => {
      this.rounding = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async round(): Promise<void> {
    try {
      const round = await this.turns.round(this.now());
      this.known = { limit: round.limit };
      if (round.raised !== undefined) this.options.onChange?.({ limit: round.raised, reason: "probing" });
      for (const id of round.grantedHere) {
        const waiter = this.waiters.get(id);
        if (!waiter) continue;
        this.waiters.delete(id);
        waiter.detach();
        this.report(waiter, 0);
        waiter.resolve(this.watch());
      }
      round.waiting.forEach((job, index) => {
        const waiter = this.waiters.get(job.id);
        if (waiter) this.report(waiter, index + 1);
      });
    } catch (error) {
      this.options.onError(error);
    }
    if (this.waiters.size === 0) {
      clearInterval(this.poller);
      this.poller = undefined;
    }
  }

  private report(waiter: Waiter, position: number): void {
    if (waiter.reported === position) return;
    waiter.reported = position;
    try {
      waiter.onPosition?.(position);
    } catch (error) {
      this.options.onError(error);
    }
  }

  /** A job's place at fal: a request that waits there while others run means the account is full. */
  private watch(): FalSlot {
    let state: "sending" | "queued" | "running" | "released" = "sending";
    let fullTimer: NodeJS.Timeout | undefined;
    return {
      queued: () => {
        if (state !== "sending") return;
        state = "queued";
        fullTimer = setTimeout(() => this.foundFull(), this.options.fullAfterMs ?? 2500).unref();
      },
      running: () => {
        if (state === "running" || state === "released") return;
        clearTimeout(fullTimer);
        state = "running";
      },
      release: () => {
        if (state === "released") return;
        clearTimeout(fullTimer);
        state = "released";
        if (this.waiters.size > 0) this.kick();
      },
    };
  }

  private foundFull(): void {
    this.turns
      .foundFull(this.now() + (this.options.holdMs ?? 30_000))
      .then((limit) => {
        if (limit === undefined) return;
        this.known.limit = limit;
        this.options.onChange?.({ limit, reason: "found-full" });
      })
      .catch((error: unknown) => this.options.onError(error));
  }
}
