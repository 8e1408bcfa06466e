// Every request that crossed the fake's wire (and every input fetch it made), in order, with waiting helpers.
import type { EventEmitter } from "node:events";
import type { FalArrival, RecordedFalRequest } from "./types.js";

export class Recorder {
  readonly requests: RecordedFalRequest[] = [];
  readonly arrivals: FalArrival[] = [];

  constructor(private readonly events: EventEmitter) {}

  record(entry: RecordedFalRequest): void {
    this.requests.push(entry);
    this.events.emit("request", entry);
  }

  arrive(entry: FalArrival): void {
    this.arrivals.push(entry);
    this.events.emit("arrival", entry);
  }

  waitFor(pred: (r: RecordedFalRequest) => boolean, timeoutMs = 5_000): Promise<RecordedFalRequest> {
    return this.wait("request", this.requests, pred, timeoutMs);
  }

  waitForArrival(pred: (r: FalArrival) => boolean, timeoutMs = 5_000): Promise<FalArrival> {
    return this.wait("arrival", this.arrivals, pred, timeoutMs);
  }

  private wait<T extends FalArrival>(event: string, seen: T[], pred: (r: T) => boolean, timeoutMs: number): Promise<T> {
    const existing = seen.find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onEntry = (entry: T): void => {
        if (!pred(entry)) return;
        clearTimeout(timer);
        this.events.off(event, onEntry);
        resolve(entry);
      };
      const timer = setTimeout(() => {
        this.events.off(event, onEntry);
        const list = seen.map((r) => `${r.route} ${"status" in r ? String(r.status) : "arrived"} ${r.targetUrl}`).join("\n  ");
        reject(new Error(`fake fal: no matching ${event} within ${timeoutMs} ms; recorded:\n  ${list}`));
      }, timeoutMs);
      this.events.on(event, onEntry);
    });
  }
}
