// One fal request's life: submit, watch its status (SSE, polling as the fallback) or wait for its webhook callback,
// fetch the result, cancel.
import type { CompletedQueueStatus, QueueStatus } from "@fal-ai/client";
import { setTimeout as delay } from "node:timers/promises";
import { ApiError } from "@fal-ai/client";
import type { FalClient } from "./client.js";
import { SubmitFailed } from "./errors.js";

export interface WatchOptions {
  /** Called with every status fal reports (queue position, new log lines, completion). */
  onStatus?(status: QueueStatus): void;
  /** Aborting stops watching (the caller decides whether to cancel at fal). */
  signal?: AbortSignal;
  /** Interval of the polling fallback. */
  pollIntervalMs?: number;
  /** Told when the stream broke and polling took over. */
  onFallback?(error: unknown): void;
  /** Told when a status poll failed in a way the next poll may not (fal's 5xx, an unreadable answer, the network). */
  onPollFailed?(error: unknown): void;
}

/** `webhookUrl`: fal posts the request's callback there once it is done (sent as `?fal_webhook=` by fal's client). */
export async function submit(fal: FalClient, endpoint: string, input: Record<string, unknown>, { signal, webhookUrl }: { signal?: AbortSignal; webhookUrl?: string } = {}) {
  try {
    const { request_id: requestId } = await fal.queue.submit(endpoint, {
      input,
      ...(signal ? { abortSignal: signal } : {}),
      ...(webhookUrl ? { webhookUrl } : {}),
    });
    // A 200 that is not fal's JSON (a proxy's page) reads as an answer without an id: fal may still have the job.
    if (typeof requestId !== "string" || requestId === "") throw new SyntaxError("fal's answer to the submit carried no request id");
    return requestId;
  } catch (error) {
    throw new SubmitFailed(error);
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException("watching was aborted", "AbortError");
}

/** Streams the status until COMPLETED; when the stream fails or ends early, polls instead. */
export async function waitForCompletion(
  fal: FalClient,
  endpoint: string,
  requestId: string,
  options: WatchOptions = {},
): Promise<CompletedQueueStatus> {
  const { signal } = options;
  if (signal?.aborted) throw abortError(signal);
  try {
    const stream = await fal.queue.streamStatus(endpoint, { requestId, logs: true });
    const onAbort = () => stream.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    stream.on("data", (status: QueueStatus) => options.onStatus?.(status));
    try {
      // Typed as the last status, but a stream that ends before any event resolves with nothing.
      const last: QueueStatus | undefined = await stream.done();
      if (signal?.aborted) throw abortError(signal);
      if (last?.status === "COMPLETED") return last;
      options.onFallback?.(new Error("the status stream ended before the request completed"));
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    options.onFallback?.(error);
  }
  return pollUntilCompleted(fal, endpoint, requestId, options);
}

/**
 * For a request submitted with a webhook: waits for `called` (its verified callback) instead of holding a status
 * stream open, and meanwhile reads its status every `sweepMs`, so that a callback fal never delivered still ends
 * the wait. Progress comes only from those reads.
 */
export async function waitForCallback(
  fal: FalClient,
  endpoint: string,
  requestId: string,
  called: Promise<void>,
  { onStatus, onPollFailed, signal, sweepMs }: Pick<WatchOptions, "onStatus" | "onPollFailed" | "signal"> & { sweepMs: number },
): Promise<void> {
  const ended = new AbortController();
  const stop = signal ? AbortSignal.any([signal, ended.signal]) : ended.signal;
  const sweep = async (): Promise<void> => {
    for (;;) {
      await delay(sweepMs, undefined, { signal: stop });
      try {
        const status = await untilAborted(fal.queue.status(endpoint, { requestId, logs: true, abortSignal: stop }), stop);
        onStatus?.(status);
        if (status.status === "COMPLETED") return;
      } catch (error) {
        if (stop.aborted) throw error;
        if (!isPassing(error)) throw error;
        onPollFailed?.(error);
      }
    }
  };
  try {
    await untilAborted(Promise.race([called, sweep()]), signal);
  } finally {
    ended.abort();
  }
}

/** A failed status read the next one may not repeat; a refusal (401, 403, 404…) would be the same every time. */
export function isPassing(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 429 || error.status >= 500;
}

/** The promise, or the abort's error as soon as the signal aborts (fal's client sleeps between retries unaborted). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Polls until COMPLETED; a poll that fails in passing is tried again at the next turn, until the signal aborts. */
async function pollUntilCompleted(
  fal: FalClient,
  endpoint: string,
  requestId: string,
  { onStatus, onPollFailed, signal, pollIntervalMs = 1000 }: WatchOptions,
): Promise<CompletedQueueStatus> {
  for (;;) {
    try {
      const status = await untilAborted(fal.queue.status(endpoint, { requestId, logs: true, ...(signal ? { abortSignal: signal } : {}) }), signal);
      onStatus?.(status);
      if (status.status === "COMPLETED") return status;
    } catch (error) {
      if (signal?.aborted || !isPassing(error)) throw error;
      onPollFailed?.(error);
    }
    await delay(pollIntervalMs, undefined, signal ? { signal } : {});
  }
}

/** True when fal refused a cancel because the request had already completed (and so was billed). */
export function isAlreadyCompleted(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 400) return false;
  const body: unknown = error.body;
  return typeof body === "object" && body !== null && "status" in body && body.status === "ALREADY_COMPLETED";
}

export async function fetchResult(fal: FalClient, endpoint: string, requestId: string): Promise<unknown> {
  const { data } = await fal.queue.result(endpoint, { requestId });
  return data;
}

export async function cancel(fal: FalClient, endpoint: string, requestId: string): Promise<void> {
  await fal.queue.cancel(endpoint, { requestId });
}
