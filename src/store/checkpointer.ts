// A WAL checkpoint copies the log into the database file and syncs it to disk: ~10 ms here, once every ~1000
// written pages. SQLite runs it inside whichever commit crosses the threshold, so on the main thread it stalls
// the interaction being acknowledged at that moment (admission p99 0.5 → 11 ms). falcord turns the automatic
// checkpoints off and runs them every second from a worker thread, on a connection of its own.
import { Worker } from "node:worker_threads";
import type { CheckpointWorkerData } from "./checkpoint-worker.js";

const intervalMs = 1000;

// Resolved next to this module: src/store/ under tsx and vitest, dist/src/store/ once built (tsc copies it there).
const workerFile = new URL("./checkpoint-worker.js", import.meta.url);

export interface Checkpointer {
  /**
   * Runs a last checkpoint and waits (blocking, at most `stopTimeoutMs`) until the worker has closed its
   * connection, so that nothing touches the database's files once the main connection is closed too.
   */
  stop(): void;
}

const stopTimeoutMs = 5000;

/**
 * Starts the checkpoint worker for the database at `path`; `onError` hears about checkpoints that failed
 * (SQLite then simply checkpoints later) and about a worker that could not start (the caller falls back to
 * automatic checkpoints).
 */
export function startCheckpointer(path: string, onError: (error: Error) => void): Checkpointer {
  // The worker sets closed[0] to 1 once its connection is closed: Kysely's destroy() closes the database
  // synchronously, so stop() waits on it with Atomics rather than on an event the caller could not await.
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const workerData: CheckpointWorkerData = { path, intervalMs, closed };
  const worker = new Worker(workerFile, { workerData });
  let running = true;
  worker.unref();
  worker.on("message", (message: string) => onError(new Error(`WAL checkpoint failed: ${message}`)));
  worker.on("error", (error) => {
    running = false;
    onError(error);
  });
  worker.on("exit", () => (running = false));
  return {
    stop: () => {
      if (!running) return;
      running = false;
      worker.postMessage("stop");
      Atomics.wait(closed, 0, 0, stopTimeoutMs);
    },
  };
}
