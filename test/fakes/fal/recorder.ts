// Every request that crossed the fake's wire (and every input fetch it made), in order, with waiting helpers.
import type { EventEmitter } from "node:events";
import type { RecordedFalRequest } from "./types.js";

export class Recorder {
  readonly requests: RecordedFalRequest[] = [];

  constructor(private readonly events: EventEmitter) {}

  record(entry: RecordedFalRequest): void {
    this.requests.push(entry);
    this.events.emit("request", entry);
  }

  waitFor(pred: (r: RecordedFalRequest) => boolean, timeoutMs = 5_000): Promise<RecordedFalRequest> {
    const existing = this.requests.find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onRequest = (entry: RecordedFalRequest): void => {
        if (!pred(entry)) return;
        clearTimeout(timer);
        this.events.off("request", onRequest);
        resolve(entry);
      };
      const timer = setTimeout(() => {
        this.events.off("request", onRequest);
        const seen = this.requests.map((r) => `${r.route} ${r.status} ${r.targetUrl}`).join("\n  ");
        reject(new Error(`fake fal: no matching request within ${timeoutMs} ms; recorded:\n  ${seen}`));
      }, timeoutMs);
      this.events.on("request", onRequest);
    });
  }
}
