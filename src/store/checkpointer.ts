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
  /** Runs a last checkpoint and ends the worker; the main connection may close at once. */
  stop(): void;
}

/**
 * Starts the checkpoint worker for the database at `path`; `onError` hears about checkpoints that failed
 * (SQLite then simply checkpoints later) and about a worker that could not start (the caller falls back to
 * automatic checkpoints).
 */
export function startCheckpointer(path: string, onError: (error: Error) => void): Checkpointer {
  const workerData: CheckpointWorkerData = { path, intervalMs };
  const worker = new Worker(workerFile, { workerData });
  worker.unref();
  worker.on("message", (message: string) => onError(new Error(`WAL checkpoint failed: ${message}`)));
  worker.on("error", onError);
  return { stop: () => worker.postMessage("stop") };
}
