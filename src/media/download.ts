// Downloads with a deadline and a byte cap, so one huge or stalled file cannot exhaust memory or a job slot.
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

export async function download(url: string, { maxBytes, timeoutMs }: { maxBytes: number; timeoutMs: number }): Promise<Downloaded> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) throw new DownloadError(`download timed out after ${timeoutMs} ms`, "timeout");
    throw new DownloadError(`download failed: ${(error as Error).message}`, "network");
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError(`download failed with HTTP ${response.status}`, "status", response.status);
  }
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new DownloadError(`file is ${declared} bytes, over the ${maxBytes}-byte cap`, "too-large");
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body ?? []) {
      received += chunk.byteLength;
      if (received > maxBytes) throw new DownloadError(`file is over the ${maxBytes}-byte cap`, "too-large");
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (signal.aborted) throw new DownloadError(`download timed out after ${timeoutMs} ms`, "timeout");
    throw new DownloadError(`download failed: ${(error as Error).message}`, "network");
  }
  return {
    bytes: Buffer.concat(chunks, received),
    contentType: (response.headers.get("content-type") ?? "application/octet-stream").split(";")[0]!.trim(),
  };
}

/** A file extension for a downloaded file's content type (png when the type says nothing usable). */
export function extensionOf(contentType: string): string {
  const sub = contentType.split("/")[1] ?? "png";
  return sub === "jpeg" ? "jpg" : /^[a-z0-9]+$/.test(sub) ? sub : "png";
}
