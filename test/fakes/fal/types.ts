// The fake fal's public types: options, failure injections, recorded requests and jobs.
import type { EventEmitter } from "node:events";

/** The key the fake expects unless told otherwise (fal keys look like `id:secret`). */
export const FAKE_FAL_KEY = "fake-key-id:fake-key-secret";

export interface FakeFalOptions {
  /** Expected in `Authorization: Key <key>`; default FAKE_FAL_KEY. */
  key?: string;
  /** Time spent IN_QUEUE (queue positions count down to 0 over it), asked per job when a function; default 100. */
  queueMs?: number | (() => number);
  /** Time spent IN_PROGRESS; default 200. */
  runMs?: number | (() => number);
  /**
   * The account's concurrency limit: at most this many of its requests are dispatched at once (fal: 2 for a new
   * account, up to 40 as credits are bought); the rest wait IN_QUEUE, first come first served, queue_position
   * counting down as the line moves. Default: no limit (an account arranged for any load).
   */
  accountLimit?: number;
  /** IN_PROGRESS log lines emitted over the run; default 3. */
  logLines?: number;
  /**
   * Make every successful output image about this many bytes (at the size the request asks for), as real model
   * outputs are, instead of a tiny flat image. Default: unset (tiny images). Used by the bench (~1 MiB PNGs).
   */
  outputBytes?: number;
  /** The fal account's user id its webhook callbacks are signed for; default FAKE_FAL_USER_ID. */
  userId?: string;
  /** A completion's callback not answered 2xx is sent again this many times (default 3), `callbackRetryMs` apart (default 500). */
  callbackRetries?: number;
  callbackRetryMs?: number;
}

export type Failure =
  /**
   * 422 with one pydantic-style error on `field` (default "prompt") of fal's error `type` (default "value_error";
   * fal refuses a prompt with "content_policy_violation"). `when` "submit" (default) answers the submit; "result"
   * lets the job run to COMPLETED and answers its result with the 422, as fal reports a policy refusal.
   */
  | { kind: "validation"; field?: string; msg?: string; type?: string; when?: "submit" | "result" }
  /** 401 at submit (a wrong key gets this automatically). */
  | { kind: "unauthorized" }
  /** 403 at submit, as fal answers every billable call of a locked account (default detail: its balance ran out). */
  | { kind: "forbidden"; detail?: string }
  /**
   * HTTP `status` (429, 500, 502, 503…) with a JSON detail, for `times` requests (default 1) on `route`: "submit"
   * answers before taking the job (each retry of the client counts); "status" answers the job's status polls and
   * status streams alike; "result" answers the job's result fetches once it is COMPLETED.
   */
  | { kind: "http-error"; route: FalFaultRoute; status: number; times?: number }
  /**
   * 200 with a body that is not JSON (cut off mid-object), for `times` requests (default 1) on `route`. At submit
   * the job is taken first (fal has it; only the answer is garbled); on the status stream the garbled text is an event.
   */
  | { kind: "malformed-json"; route: FalFaultRoute; times?: number }
  /** The job completes, but its output URLs answer 404 on the CDN (the files are gone). */
  | { kind: "output-missing" }
  /** The model crashed: status COMPLETED, the result answers 500 (`times` result fetches; default always). */
  | { kind: "server-error"; times?: number }
  /** 503 at submit `times` submit attempts (default 1); the client retries 503 with ~1 s backoff. */
  | { kind: "busy"; times?: number }
  /** Hold the submit response for `ms`. */
  | { kind: "slow-submit"; ms: number }
  /** COMPLETED with no image, only a description (Gemini refusing or asking back); a vision model answers `description`. */
  | { kind: "text-only"; description?: string }
  /**
   * FireRed: has_nsfw_concepts true and black images (only the images at `images`, 1-based positions, when given).
   * Gemini endpoints: a text-only refusal.
   */
  | { kind: "nsfw"; images?: number[] }
  /** Output PNGs of random noise larger than `bytes` (default ~12 MiB, over Discord's 10 MiB). */
  | { kind: "large-output"; bytes?: number }
  /** A normal run whose every output image links to `url` instead of the fake CDN (a foreign host, a private address). */
  | { kind: "output-url"; url: string }
  /** Stays IN_PROGRESS until cancelled. */
  | { kind: "never-finish" }
  /**
   * Every SSE status stream of the job breaks right after its first event, before COMPLETED: `how` "end" (default)
   * closes the response cleanly, "reset" drops the connection mid-body. Polling the status still works.
   */
  | { kind: "stream-break"; how?: "end" | "reset" }
  /** The job completes normally, but its webhook callback is never sent (lost on the way to the bot). */
  | { kind: "callback-lost" };

/** The queue requests a fault can be injected into. */
export type FalFaultRoute = "submit" | "status" | "result";

export type FalRoute =
  | "submit"
  | "status"
  | "stream"
  | "result"
  | "cancel"
  | "upload-initiate"
  | "upload-put"
  | "cdn"
  /** The fake itself fetching a job's input image. */
  | "input-fetch"
  /** GET of the keys webhook callbacks are signed with. */
  | "jwks"
  | "unknown";

export interface RecordedFalRequest {
  /** Arrival time, epoch ms on the monotonic clock (see clock.ts). */
  at: number;
  method: string;
  /** x-fal-target-url for proxied requests, else the URL requested on the fake (or fetched by it). */
  targetUrl: string;
  route: FalRoute;
  endpoint?: string;
  requestId?: string;
  /** HTTP status answered (or received, for input-fetch; 0 when the fetch itself failed). */
  status: number;
  /** Parsed JSON request body, when there was one. */
  body?: unknown;
  /** Bytes received (upload-put) or sent (cdn) or fetched (input-fetch). */
  bytes?: number;
}

/** A request as it arrived, before the fake answered it (`requests` has it once answered; a held one only here). */
export type FalArrival = Pick<RecordedFalRequest, "at" | "method" | "targetUrl" | "route" | "endpoint" | "requestId">;

export type FalQueueState = "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED";

export interface FalLogLine {
  message: string;
  level: "INFO";
  source: "USER";
  timestamp: string;
}

export interface InputFetch {
  url: string;
  status: number;
  contentType?: string;
  width?: number;
  height?: number;
}

/** What GET …/requests/{id} answers once the job is COMPLETED. */
export interface FalResultReply {
  status: number;
  body: unknown;
}

/** A webhook callback the fake sent, with the HTTP status the receiver answered (0: no answer). */
export interface RecordedCallback {
  at: number;
  requestId: string;
  url: string;
  /** "completion": fal's own, when the job completed; "sent": sent again by a test; "replay": the last one, byte for byte; else forged. */
  kind: "completion" | "sent" | "replay" | ForgedCallback;
  status: number;
  /** A completion's callback: 1, then 2, 3… for fal's retries after an answer that was not 2xx. */
  attempt: number;
}

/** What is wrong with a forged callback: another key's signature, a timestamp 10 minutes old, another account's user id, no signature. */
export type ForgedCallback = "bad-signature" | "stale" | "other-user" | "missing-header";

export interface FakeFalJob {
  requestId: string;
  /** The full endpoint id submitted to, e.g. "fal-ai/nano-banana/edit". */
  endpoint: string;
  /** owner/alias, the part status/result/cancel URLs use. */
  app: string;
  /** The body as submitted. */
  input: Record<string, unknown>;
  /** The submit's `fal_webhook`: where the job's callback goes once it completes. */
  webhookUrl?: string;
  /** The body after fal's defaults were applied. */
  params: Record<string, unknown>;
  state: FalQueueState;
  queuePosition: number;
  /** Whether it got one of the account's slots (see FakeFalOptions.accountLimit). */
  dispatched?: boolean;
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  cancelled: boolean;
  failure?: Failure;
  logs: FalLogLine[];
  inputFetches: InputFetch[];
  /** Set when COMPLETED. */
  result?: FalResultReply;
  /** How many times the result was fetched. */
  resultFetches: number;
  /** How many requests of the job an injected http-error or malformed-json fault has answered so far. */
  faultsAnswered: number;
}

export interface FakeFal {
  /** Use as FAL_PROXY_URL. */
  url: string;
  /** http://127.0.0.1:PORT — where CDN and upload URLs live. */
  origin: string;
  port: number;
  key: string;
  requests: RecordedFalRequest[];
  /** Every request as it arrived, before its answer: a held submit or CDN download is here at once. */
  arrivals: FalArrival[];
  /** "callback" (RecordedCallback), "callback-lost" ({requestId}), "arrival" (FalArrival), "request" (RecordedFalRequest), "submitted" ({requestId, endpoint, at}), "started", "completed" and "cancelled" ({requestId, at}). */
  events: EventEmitter;
  jobs: Map<string, FakeFalJob>;
  /**
   * Applies to the next submit (of `endpoint`, and whose parsed JSON body `input` accepts, when given); queued
   * failures apply one per submit, in order. With `input`, a fault can ride with one job among many in flight.
   */
  failNext(failure: Failure, opts?: { endpoint?: string; input?: (body: unknown) => boolean }): void;
  /** Downloads of this URL fail with 403: on the fake's CDN, and when a job fetches it as an input. */
  refuseUrl(url: string): void;
  /** Downloads of a URL refused before work again. */
  acceptUrl(url: string): void;
  /** Downloads of this CDN URL answer 302 with `to` as the Location. */
  redirectUrl(url: string, to: string): void;
  /** Put a file on the fake CDN; returns its URL. */
  upload(data: Buffer, contentType: string): string;
  /** Resolves with the first recorded request (already recorded ones included) matching `pred`. */
  waitForRequest(pred: (r: RecordedFalRequest) => boolean, timeoutMs?: number): Promise<RecordedFalRequest>;
  /** Resolves with the first arrival (already seen ones included) matching `pred`. */
  waitForArrival(pred: (r: FalArrival) => boolean, timeoutMs?: number): Promise<FalArrival>;
  /** The user id the fake's callbacks are signed for (the bot's FAL_USER_ID). */
  userId: string;
  /** Where the fake publishes the keys its callbacks are signed with (the bot's FAL_WEBHOOK_JWKS_URL). */
  jwksUrl: string;
  /** Every webhook callback sent, in order, with the receiver's answer. */
  callbacks: RecordedCallback[];
  /** Sends a callback for the request now: fal's own, or `forge`d; to the job's webhook URL unless `url` is given. */
  sendCallback(requestId: string, options?: { url?: string; forge?: ForgedCallback }): Promise<RecordedCallback>;
  /** Sends the request's last callback again exactly as it went (same timestamp, signature and body). */
  replayCallback(requestId: string): Promise<RecordedCallback>;
  /** Resolves with the first callback answered (already sent ones included) matching `pred`. */
  waitForCallback(pred: (c: RecordedCallback) => boolean, timeoutMs?: number): Promise<RecordedCallback>;
  /** Holds every CDN download from now on (they arrive but get no answer) until the returned release() is called or the fake closes. */
  holdCdn(): () => void;
  /** Holds every upload PUT from now on (its bytes arrive, no answer: a stalled upload) until the returned release() is called or the fake closes. */
  holdUploads(): () => void;
  close(): Promise<void>;
}
