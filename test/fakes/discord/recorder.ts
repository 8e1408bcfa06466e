import { EventEmitter } from "node:events";
import { DEFAULT_TIMEOUT_MS } from "./constants.js";
import type { RecordedRequest } from "./types.js";
import { waitFor } from "./util.js";

/** Every HTTP request and gateway frame, in arrival order, plus the fake's event bus. */
export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly events = new EventEmitter();

  constructor() {
    // Many tests wait in parallel; the default limit of 10 would only produce noise.
    this.events.setMaxListeners(0);
  }

  record(entry: RecordedRequest): void {
    this.requests.push(entry);
    this.events.emit("request", entry);
  }

  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RecordedRequest> {
    let seen = 0;
    return waitFor(
      (listener) => this.subscribe("request", listener),
      () => {
        // Only look at entries not checked yet, so long records stay cheap to wait on.
        const found = this.requests.slice(seen).find(pred);
        seen = this.requests.length;
        return found;
      },
      timeoutMs,
      "a matching request",
    );
  }

  subscribe(event: string, listener: () => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }
}

export function redactHeaders(headers: NodeJS.Dict<string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    out[key] = key === "authorization" ? (text.startsWith("Bot ") ? "Bot ***" : "***") : text;
  }
  return out;
}
