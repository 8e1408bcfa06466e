// An upload to fal storage with a deadline: the client's storage.upload takes no signal, so a stalled upload is raced
// against a timer (and the caller's signal) and abandoned, rather than holding its job (and a fal slot) forever.

import type { FalClient } from "./client.js";

export class UploadTimeoutError extends Error {
  constructor(readonly afterMs: number) {
    super(`the upload to fal storage took longer than ${afterMs} ms`);
    this.name = "UploadTimeoutError";
  }
}

/** The stored file's URL; rejects after `timeoutMs` (UploadTimeoutError) or when `signal` aborts (its reason). */
export async function uploadWithin(fal: FalClient, file: Blob, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  signal?.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UploadTimeoutError(timeoutMs)), timeoutMs);
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([fal.storage.upload(file), deadline]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
