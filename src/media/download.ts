// Downloads with a deadline and a byte cap, so one huge or stalled file cannot exhaust memory or a job slot.
import type { IncomingHttpHeaders } from "node:http";
import { request, type Dispatcher } from "undici";

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly reason: "status" | "too-large" | "timeout" | "network",
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

// undici's request rather than fetch: fetch moves every chunk of a body through a web stream, which cost
// more CPU than anything else in delivering a result (bench: 1 MiB outputs, 500 jobs).
export async function download(url: string, { maxBytes, timeoutMs, allocate = Buffer.allocUnsafeSlow }: DownloadOptions): Promise<Downloaded> {
  const signal = AbortSignal.timeout(timeoutMs);
  const failed = (error: unknown) =>
    error instanceof DownloadError
      ? error
      : signal.aborted
        ? new DownloadError(`download timed out after ${timeoutMs} ms`, "timeout")
        : new DownloadError(`download failed: ${(error as Error).message}`, "network");
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, { signal, maxRedirections: 5 });
  } catch (error) {
    throw failed(error);
  }
  const { statusCode, headers, body } = response;
  // A body not read: closing it makes undici abort the request, an error no one needs to hear.
  const discard = () => body.on("error", () => {}).destroy();
  if (statusCode < 200 || statusCode > 299) {
    discard();
    throw new DownloadError(`download failed with HTTP ${statusCode}`, "status", statusCode);
  }
  const declared = Number(header(headers, "content-length") ?? NaN);
  if (declared > maxBytes) {
    discard();
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
