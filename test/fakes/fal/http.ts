// One HTTP exchange on the fake: answers the request and records it exactly once, when its status is known.
import { epochNow } from "./clock.js";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Recorder } from "./recorder.js";
import type { FalRoute } from "./types.js";

export class Exchange {
  readonly at = epochNow();
  route: FalRoute = "unknown";
  endpoint?: string;
  requestId?: string;
  body?: unknown;
  bytes?: number;
  private recorded = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly targetUrl: string,
    private readonly recorder: Recorder,
  ) {}

  /** Records the arrival, once the route is known (before any hold). */
  arrived(): void {
    this.recorder.arrive({
      at: this.at,
      method: this.req.method ?? "GET",
      targetUrl: this.targetUrl,
      route: this.route,
      ...(this.endpoint !== undefined ? { endpoint: this.endpoint } : {}),
      ...(this.requestId !== undefined ? { requestId: this.requestId } : {}),
    });
  }

  json(status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
    const text = JSON.stringify(body);
    this.head(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
    this.res.end(text);
  }

  bytesOut(status: number, data: Buffer | null, headers: OutgoingHttpHeaders): void {
    this.head(status, headers);
    this.res.end(data ?? undefined);
  }

  head(status: number, headers: OutgoingHttpHeaders): void {
    this.record(status);
    if (!this.res.headersSent && !this.res.destroyed) this.res.writeHead(status, headers);
  }

  private record(status: number): void {
    if (this.recorded) return;
    this.recorded = true;
    this.recorder.record({
      at: this.at,
      method: this.req.method ?? "GET",
      targetUrl: this.targetUrl,
      route: this.route,
      status,
      ...(this.endpoint !== undefined ? { endpoint: this.endpoint } : {}),
      ...(this.requestId !== undefined ? { requestId: this.requestId } : {}),
      ...(this.body !== undefined ? { body: this.body } : {}),
      ...(this.bytes !== undefined ? { bytes: this.bytes } : {}),
    });
  }
}

export interface ReadBody {
  data: Buffer;
  /** Total bytes sent, even past the limit. */
  size: number;
  tooLarge: boolean;
}

/** Reads the whole body; past `limit` it keeps draining (so the client still sees our 413) but stores nothing. */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on("end", () => resolve({ data: Buffer.concat(chunks), size, tooLarge: size > limit }));
    req.on("error", reject);
  });
}
