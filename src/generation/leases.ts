// Several processes share the jobs through the database: each renews the lease on the jobs it runs, and takes over
// the jobs whose lease ran out (their process died) within a lease's time. One process alone finds nothing to take.
import type { Logger } from "../log.js";
import type { JobRepository } from "./job.js";
import type { JobRunner } from "./runner.js";

export interface LeaseKeeper {
  stop(): void;
}

/** Every `leaseMs / 3`: renews this process's leases, stops jobs another process took, and takes over orphaned ones. */
export function keepLeases(jobs: JobRepository, runner: JobRunner, log: Logger, leaseMs: number): LeaseKeeper {
  let turn: Promise<void> = Promise.resolve();
  const tick = async () => {
    const owned = await jobs.renewLeases();
    const lost = runner.keepOnly(owned);
    if (lost.length) log.warn({ jobs: lost }, "another process took over jobs whose lease this one did not renew in time");
    if (!runner.accepting) return;
    const taken = await jobs.claim({ othersOnly: true });
    if (taken.length === 0) return;
    log.info({ jobs: taken.map((job) => job.ref) }, "taking over jobs whose process stopped renewing their lease");
    await runner.recover(taken);
  };
  const timer = setInterval(() => {
    // One turn at a time: a slow database must not pile them up.
    turn = turn.then(tick).catch((error: unknown) => log.error({ err: error }, "could not renew or take over job leases"));
  }, Math.max(100, Math.floor(leaseMs / 3)));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
