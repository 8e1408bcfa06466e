// Where members take turns for fal's account: in this process on SQLite (one process), in the database on PostgreSQL,
// where several processes share the account and its limit.
import type { Logger } from "../log.js";
import { statementsOf, type Db } from "../store/database.js";
import { createFalTurnsRepository } from "../store/fal-turns.js";
import type { JobOwner } from "../store/jobs.js";
import { FalCapacity, type FalTurns } from "./fal-capacity.js";
import { FairScheduler } from "./scheduler.js";
import { SharedFalCapacity } from "./shared-fal-capacity.js";

export interface FalTurnsOptions {
  /** MAX_CONCURRENT_JOBS */
  ceiling: number;
  /** FAL_CONCURRENCY_LIMIT, when the operator knows the account's limit. */
  known?: number | undefined;
  log: Logger;
}

/** What every fal account may run at once: where finding out its limit starts. */
const everyAccount = 2;

export function createFalTurns(db: Db, owner: JobOwner, { ceiling, known, log }: FalTurnsOptions): FalTurns {
  const onChange = ({ limit, reason }: { limit: number; reason: "found-full" | "probing" }) =>
    log.info({ limit, reason }, reason === "found-full" ? "fal's account is full: holding further jobs in the fair queue" : "sending one more job to fal at once");
  if (statementsOf(db).dialect === "postgres") {
    const turns = createFalTurnsRepository(db, owner, { ceiling, known, initial: everyAccount });
    return new SharedFalCapacity(turns, { onChange, onError: (error) => log.warn({ err: error }, "could not take turns at fal's account; trying again") });
  }
  return new FalCapacity(new FairScheduler(ceiling), { ceiling, ...(known ? { known } : {}), initial: everyAccount, onChange });
}
