// The WAL checkpoint worker that checkpointer.ts starts: a connection of its own to the database file, which
// checkpoints every `intervalMs` and once more when told to stop. Plain JavaScript (type-checked through JSDoc),
// so that this same file runs from src/ under tsx and vitest and, copied by tsc, from dist/.
// @ts-check
import SQLite from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";

/** @typedef {{ path: string; intervalMs: number; closed: Int32Array }} CheckpointWorkerData */

const port = parentPort;
if (!port) throw new Error("checkpoint-worker.js runs as a worker thread (see checkpointer.ts)");
const { path, intervalMs, closed } = /** @type {CheckpointWorkerData} */ (workerData);

/** Tells the main thread, waiting in checkpointer.ts stop(), that this worker no longer touches the files. */
const signalClosed = () => {
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
};

let db;
try {
  db = new SQLite(path);
  db.pragma("busy_timeout = 5000");
} catch (error) {
  signalClosed();
  throw error;
}

/** A failed checkpoint is reported and skipped: SQLite simply checkpoints at the next one. */
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    port.postMessage(error instanceof Error ? error.message : String(error));
  }
};

const timer = setInterval(checkpoint, intervalMs);
port.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  signalClosed();
  port.close();
});
