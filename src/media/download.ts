// Downloads with a deadline and a byte cap, so one huge or stalled file cannot exhaust memory or a job slot, and only
// from the hosts the URL policy allows: every redirect hop is checked, and names resolving privately are refused.
import type { IncomingHttpHeaders } from "node:http";
import { Agent, request, type Dispatcher } from "undici";
import { guardedLookup } from "./guarded-lookup.js";
import { createUrlPolicy } from "./url-policy.js";

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly reason: "status" | "too-large" | "timeout" | "network" | "refused",
    readonly status?: number,
  ) {
    super(message);
    this.name = "DownloadError";
  }
}

export interface Downloaded {
  bytes: Buffer;
  contentType: string;
}

/** The header's value (the first, when a server sent it twice). */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Where a body of known length goes (a pool's buffer); a new buffer by default. */
  allocate?: ((size: number) => Buffer) | undefined;
}

export type Download = (url: string, options: DownloadOptions) => Promise<Downloaded>;

const maxRedirects = 5;

/** A body not read: closing it makes undici abort the request, an error no one needs to hear. */
function discard(body: Dispatcher.ResponseData["body"]) {
  body.on("error", () => {}).destroy();
}

/** `configuredOrigins`: the origins the bot is configured with (DISCORD_API_URL's, FAL_PROXY_URL's), trusted even on private addresses. */
export function createDownloader(configuredOrigins: readonly string[]): Download {
  const policy = createUrlPolicy(configuredOrigins);
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy.isConfiguredHost) } });
  return (url, options) => download(url, options, policy.refusal, dispatcher);
}

/** The response of the last hop, each hop's URL checked before it is requested. */
async function follow(url: string, signal: AbortSignal, refusal: (url: string) => string | undefined, dispatcher: Dispatcher) {
  let at = url;
  for (let hop = 0; ; hop++) {
    const refused = refusal(at);
    if (refused) throw new DownloadError(`download refused: ${refused}`, "refused");
    const response = await request(at, { signal, dispatcher });
    const location = header(response.headers, "location");
    if (response.statusCode < 300 || response.statusCode > 399 || location === undefined) return response;
    discard(response.body);
    if (hop === maxRedirects) throw new DownloadError(`download refused: more than ${maxRedirects} redirects`, "refused");
    at = new URL(location, at).href;
  }
}

// undici's request rather than fetch: fetch moves every chunk of a body through a web stream, which cost
// more CPU than anything else in delivering a result (bench: 1 MiB outputs, 500 jobs).
async function download(
  url: string,
  { maxBytes, timeoutMs, allocate = Buffer.allocUnsafeSlow }: DownloadOptions,
  refusal: (url: string) => string | undefined,
  dispatcher: Dispatcher,
): Promise<Downloaded> {
  const signal = AbortSignal.timeout(timeoutMs);
  const failed = (error: unknown) =>
    error instanceof DownloadError
      ? error
      : signal.aborted
        ? new DownloadError(`download timed out after ${timeoutMs} ms`, "timeout")
        : new DownloadError(`download failed: ${(error as Error).message}`, "network");
  let response: Dispatcher.ResponseData;
  try {
    response = await follow(url, signal, refusal, dispatcher);
  } catch (error) {
    throw failed(error);
  }
  const { statusCode, headers, body } = response;
  if (statusCode < 200 || statusCode > 299) {
    discard(body);
    throw new DownloadError(`download failed with HTTP ${statusCode}`, "status", statusCode);
  }
  const declared = Number(header(headers, "content-length") ?? NaN);
  if (declared > maxBytes) {
    discard(body);
    throw new DownloadError(`file is ${declared} bytes, over the ${maxBytes}-byte cap`, "too-large");
  }
  // With the length known, each chunk is copied into place as it arrives and is garbage at once (results are
  // megabytes: chunks held until the end would double the memory of every download in flight).
  let into = Number.isSafeInteger(declared) && declared > 0 ? allocate(declared) : undefined;
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (received + chunk.byteLength > maxBytes) throw new DownloadError(`file is over the ${maxBytes}-byte cap`, "too-large");
      if (into && received + chunk.byteLength <= into.byteLength) chunk.copy(into, received);
      else {
        if (into) chunks.push(into.subarray(0, received));
        into = undefined;
        chunks.push(chunk);
      }
      received += chunk.byteLength;
    }
  } catch (error) {
    throw failed(error);
  }
  return {
    bytes: into ? into.subarray(0, received) : Buffer.concat(chunks, received),
    contentType: (header(headers, "content-type") ?? "application/octet-stream").split(";")[0]!.trim(),
  };
}

/** A file extension for a downloaded file's content type (png when the type says nothing usable). */
export function extensionOf(contentType: string): string {
  const sub = contentType.split("/")[1] ?? "png";
  return sub === "jpeg" ? "jpg" : /^[a-z0-9]+$/.test(sub) ? sub : "png";
}
