// One fal request's life: submit, watch its status (SSE, polling as the fallback), fetch the result, cancel.
import type { CompletedQueueStatus, QueueStatus } from "@fal-ai/client";
import { setTimeout as delay } from "node:timers/promises";
import type { FalClient } from "./client.js";

export interface WatchOptions {
  /** Called with every status fal reports (queue position, new log lines, completion). */
  onStatus?(status: QueueStatus): void;
  /** Aborting stops watching (the caller decides whether to cancel at fal). */
  signal?: AbortSignal;
  /** Interval of the polling fallback. */
  pollIntervalMs?: number;
  /** Told when the stream broke and polling took over. */
  onFallback?(error: unknown): void;
}

export async function submit(fal: FalClient, endpoint: string, input: Record<string, unknown>, signal?: AbortSignal) {
  const { request_id: requestId } = await fal.queue.submit(endpoint, { input, ...(signal ? { abortSignal: signal } : {}) });
  return requestId;
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

async function pollUntilCompleted(
  fal: FalClient,
  endpoint: string,
  requestId: string,
  { onStatus, signal, pollIntervalMs = 1000 }: WatchOptions,
): Promise<CompletedQueueStatus> {
  for (;;) {
    const status = await fal.queue.status(endpoint, { requestId, logs: true, ...(signal ? { abortSignal: signal } : {}) });
    onStatus?.(status);
    if (status.status === "COMPLETED") return status;
    await delay(pollIntervalMs, undefined, signal ? { signal } : {});
  }
}

export async function fetchResult(fal: FalClient, endpoint: string, requestId: string): Promise<unknown> {
  const { data } = await fal.queue.result(endpoint, { requestId });
  return data;
}

export async function cancel(fal: FalClient, endpoint: string, requestId: string): Promise<void> {
  await fal.queue.cancel(endpoint, { requestId });
}
