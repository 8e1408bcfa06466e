// A WAL checkpoint copies the log into the database file and syncs it to disk: ~10 ms here, once every ~1000
// written pages. SQLite runs it inside whichever commit crosses the threshold, so on the main thread it stalls
// the interaction being acknowledged at that moment (admission p99 0.5 → 11 ms). falcord turns the automatic
// checkpoints off and runs them every second from a worker thread, on a connection of its own.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const intervalMs = 1000;

// An eval'd CommonJS worker: it needs no file of its own, so it runs the same from dist/ and under tsx.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.driverPath);
const db = new SQLite(workerData.path);
db.pragma("busy_timeout = 5000");
const checkpoint = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage(String(error && error.message || error)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

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
  const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(workerSource, { eval: true, workerData: { path, driverPath, intervalMs } });
  worker.unref();
  worker.on("message", (message: string) => onError(new Error(`WAL checkpoint failed: ${message}`)));
  worker.on("error", onError);
  return { stop: () => worker.postMessage("stop") };
}
