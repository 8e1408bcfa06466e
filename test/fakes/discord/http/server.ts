import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { AttachmentHost } from "../attachments.js";
import { API_PREFIX, ATTACHMENT_PATH, GATEWAY_PATH } from "../constants.js";
import { DiscordErrors, DiscordHttpError } from "../errors.js";
import type { RateLimiter } from "../ratelimit.js";
import { redactHeaders, type Recorder } from "../recorder.js";
import type { RecordedRequest } from "../types.js";
import { now } from "../util.js";
import { parseBody, readBody, type UploadedFile } from "./body.js";
import { majorParameter, type RouteMatch, type Router } from "./router.js";

export interface HttpServerDeps {
  router: Router;
  recorder: Recorder;
  rateLimiter: RateLimiter;
  attachments: AttachmentHost;
  botToken: string;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: { data: Buffer; contentType: string; head?: boolean };
}

/** An answer Discord gives instead of doing what was asked: a 429 (retry_after in seconds), or an error status with a JSON code. */
export type DiscordFault = { rateLimited: number; global?: boolean } | { status: number; code?: number; message?: string };

function faultAnswer(fault: DiscordFault, headers: Record<string, string> = {}): Answer {
  if ("rateLimited" in fault) {
    const global = fault.global ?? false;
    return {
      status: 429,
      headers: {
        ...headers,
        "retry-after": String(Math.ceil(fault.rateLimited)),
        "x-ratelimit-scope": global ? "global" : "user",
        ...(global ? { "x-ratelimit-global": "true" } : {}),
      },
      body: { message: "You are being rate limited.", retry_after: fault.rateLimited, global },
    };
  }
  return { status: fault.status, headers, body: { message: fault.message ?? `${fault.status}: Server Error`, code: fault.code ?? 0 } };
}

interface Exchange {
  route: string;
  body: unknown;
  files: UploadedFile[];
}

/** A request as a hold sees it: what it asked for, once Discord has done it. */
export interface HeldRequest {
  method: string;
  /** The path under the API prefix, e.g. /webhooks/:app/:token/messages/@original with the real ids. */
  path: string;
  /** How many files the request uploaded. */
  files: number;
}

interface Hold {
  matches(request: HeldRequest): boolean;
  /** Resolved by the first request the hold caught. */
  caught(request: HeldRequest): void;
  released: Promise<void>;
  release(): void;
}

/** One loopback port: REST under /api/v10, the CDN under /attachments, the gateway upgrade at /gateway. */
export class HttpServer {
  private readonly holds = new Set<Hold>();
  private readonly faults: { matches: (request: HeldRequest) => boolean; fault: DiscordFault }[] = [];
  private readonly server: Server;
  /** Each TCP connection's number, in the order they were accepted (from 1). */
  private readonly connections = new WeakMap<Socket, number>();
  private connectionCount = 0;

  constructor(private readonly deps: HttpServerDeps) {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on("connection", (socket: Socket) => this.connections.set(socket, ++this.connectionCount));
    this.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? "/", "http://127.0.0.1").pathname === GATEWAY_PATH) deps.onUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  /**
   * Discord does what the matching requests ask (the write lands, the gateway hears of it), but their answers wait
   * until release() or close: a client that dies meanwhile never learns that it succeeded.
   */
  holdAnswers(matches: (request: HeldRequest) => boolean): { caught: Promise<HeldRequest>; release(): void } {
    let caught!: (request: HeldRequest) => void;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hold: Hold = {
      matches,
      caught: (request) => caught(request),
      released,
      release: () => {
        this.holds.delete(hold);
        release();
      },
    };
    const first = new Promise<HeldRequest>((resolve) => (caught = resolve));
    this.holds.add(hold);
    return { caught: first, release: hold.release };
  }

  /** The next matching request is not carried out: it gets the fault's answer instead (queued faults apply in order). */
  failNext(matches: (request: HeldRequest) => boolean, fault: DiscordFault): void {
    this.faults.push({ matches, fault });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => {
        const address = this.server.address();
        if (address === null || typeof address === "string") reject(new Error("fake discord: no port"));
        else resolve(address.port);
      });
    });
  }

  close(): Promise<void> {
    for (const hold of this.holds) hold.release();
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const exchange: Exchange = { route: url.pathname, body: undefined, files: [] };
    let answer: Answer;
    try {
      answer = await this.answer(req, url, exchange);
    } catch (error) {
      answer = errorAnswer(error);
    }
    const held: HeldRequest = { method: req.method ?? "GET", path: decodeURIComponent(url.pathname).replace(API_PREFIX, ""), files: exchange.files.length };
    for (const hold of this.holds) {
      if (!hold.matches(held)) continue;
      hold.caught(held);
      await hold.released;
    }
    this.send(res, answer);
    this.deps.recorder.record({
      kind: "http",
      at,
      finishedAt: now(),
      method: req.method ?? "GET",
      route: exchange.route,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: answer.status,
      body: exchange.body,
      response: answer.raw ? undefined : answer.body,
      files: exchange.files.map((f) => ({ name: f.field, filename: f.filename, size: f.data.length, contentType: f.contentType })),
      headers: redactHeaders(req.headers),
      connection: this.connections.get(req.socket) ?? 0,
    } satisfies RecordedRequest);
  }

  private async answer(req: IncomingMessage, url: URL, exchange: Exchange): Promise<Answer> {
    const raw = await readBody(req);
    if (url.pathname.startsWith(`${ATTACHMENT_PATH}/`)) {
      exchange.route = `${ATTACHMENT_PATH}/:channel/:attachment/:filename`;
      return this.cdn(req.method ?? "GET", url);
    }
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) throw DiscordErrors.notFound();
    const path = url.pathname.slice(API_PREFIX.length);
    const method = req.method ?? "GET";
    const match = this.deps.router.match(method, path);
    if (match === undefined) throw DiscordErrors.notFound();
    if (match === "method") throw DiscordErrors.methodNotAllowed();
    exchange.route = match.route.template;
    const parsed = await parseBody(raw, req.headers["content-type"]);
    exchange.body = parsed.json;
    exchange.files = parsed.files;

    const botAuth = req.headers.authorization === `Bot ${this.deps.botToken}`;
    if (match.route.auth === "bot" && !botAuth) throw DiscordErrors.unauthorized();
    const limit = this.deps.rateLimiter.take(match.route.bucket, `${method}:${match.route.template}`, this.major(match, path), botAuth);
    if (limit && !limit.allowed) {
      return {
        status: 429,
        headers: limit.headers,
        body: { message: "You are being rate limited.", retry_after: limit.retryAfter, global: limit.global },
      };
    }
    const index = this.faults.findIndex((f) => f.matches({ method, path: decodeURIComponent(path), files: parsed.files.length }));
    if (index >= 0) return faultAnswer(this.faults.splice(index, 1)[0]!.fault, limit?.headers);
    try {
      const result = await match.route.handle({ params: match.params, query: url.searchParams, body: parsed.json, files: parsed.files, route: match.route.template, headers: req.headers });
      return { ...result, headers: limit?.headers };
    } catch (error) {
      return { ...errorAnswer(error), headers: limit?.headers };
    }
  }

  private major(match: RouteMatch, path: string): string {
    return match.route.bucket === "interaction-callback" ? (match.params.id ?? "global") : majorParameter(path);
  }

  private cdn(method: string, url: URL): Answer {
    if (method !== "GET" && method !== "HEAD") throw DiscordErrors.methodNotAllowed();
    const found = this.deps.attachments.serve(url.pathname, url.searchParams);
    // The real CDN answers refused / expired signed URLs with a plain-text 403 / 404.
    const gone = Buffer.from("This content is no longer available.");
    if (found === "refused") return { status: 403, raw: { data: gone, contentType: "text/plain" } };
    if (found === "expired") return { status: 404, raw: { data: gone, contentType: "text/plain" } };
    if (!found) return { status: 404, raw: { data: Buffer.from("Not Found"), contentType: "text/plain" } };
    return { status: 200, raw: { data: found.data, contentType: found.content_type ?? "application/octet-stream", head: method === "HEAD" } };
  }

  private send(res: ServerResponse, answer: Answer): void {
    const headers: Record<string, string> = { ...answer.headers };
    let payload: Buffer | undefined;
    if (answer.raw) {
      headers["content-type"] = answer.raw.contentType;
      payload = answer.raw.data;
    } else if (answer.body !== undefined) {
      headers["content-type"] = "application/json";
      payload = Buffer.from(JSON.stringify(answer.body));
    }
    if (payload) headers["content-length"] = String(payload.length);
    res.writeHead(answer.status, headers);
    res.end(answer.raw?.head ? undefined : payload);
  }
}

function errorAnswer(error: unknown): Answer {
  if (error instanceof DiscordHttpError) return { status: error.status, body: error.body };
  console.error("fake discord: internal error", error);
  return { status: 500, body: { message: "500: Internal Server Error", code: 0 } };
}
