// Which one of the processes sharing a database does what only one may do (the contests' phases): on PostgreSQL,
// the one holding a session-level advisory lock, on one pooled connection kept checked out while it leads. The server
// lets go of the lock when that session ends, however it ends (a clean stop, SIGKILL, the connection cut), so the
// other processes, trying every few seconds, take it over. SQLite serves one process: that process always leads.
import type pg from "pg";
import type { Logger } from "../log.js";
import { postgresPoolOf, type Db } from "./database.js";

/** The lock's key among the database's advisory locks ("falc"). */
export const leaderLockKey = 0x66616c63;

export interface Leadership {
  /** Whether this process leads now. */
  readonly isLeader: boolean;
  /** Calls `listener` at each change from now on; returns how to stop listening. */
  onChange(listener: (leader: boolean) => void): () => void;
  /** Gives the leadership up (its connection goes, and with it the lock) and stops trying. */
  stop(): void;
}

export interface LeadershipOptions {
  /** How often a process that does not lead tries to. */
  retryMs: number;
  log: Logger;
}

/** Starts trying to lead; resolves after the first try, so `isLeader` says at once whether this process leads. */
export async function startLeadership(db: Db, options: LeadershipOptions): Promise<Leadership> {
  const pool = postgresPoolOf(db);
  if (!pool) return { isLeader: true, onChange: () => () => {}, stop: () => {} };
  const leadership = new LockLeadership(pool, options);
  await leadership.tryToLead();
  return leadership;
}

class LockLeadership implements Leadership {
  private readonly listeners = new Set<(leader: boolean) => void>();
  /** The connection holding the lock, while this process leads. */
  private held: pg.PoolClient | undefined;
  private trying = false;
  private stopped = false;
  private readonly retry: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: LeadershipOptions,
  ) {
    this.retry = setInterval(() => void this.tryToLead(), options.retryMs);
    this.retry.unref();
  }

  get isLeader(): boolean {
    return this.held !== undefined;
  }

  onChange(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async tryToLead(): Promise<void> {
    if (this.stopped || this.held || this.trying) return;
    this.trying = true;
    let client: pg.PoolClient | undefined;
    // Until it holds the lock, the connection's errors only end this try (a checked-out connection has no other
    // listener, and an 'error' event nobody listens to ends the process).
    let failed: Error | undefined;
    const onTryError = (error: Error) => (failed = error);
    try {
      client = await this.pool.connect();
      client.on("error", onTryError);
      const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [leaderLockKey]);
      if (failed) throw failed;
      if (rows[0]?.locked !== true || this.stopped) {
        // Another process leads (or this one is stopping): the connection goes back, and with it any lock just taken.
        client.off("error", onTryError);
        client.release(this.stopped ? true : undefined);
        return;
      }
      client.off("error", onTryError);
      this.lead(client);
    } catch (error) {
      client?.off("error", onTryError);
      client?.release(error instanceof Error ? error : true);
      this.options.log.debug({ err: error }, "could not try for the leadership; trying again later");
    } finally {
      this.trying = false;
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.retry);
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    // Ending the session is the surest way to let go of the lock: no unlock that could fail half-way.
    held.release(true);
    this.options.log.info("gave up the leadership");
    this.tell(false);
  }

  private lead(client: pg.PoolClient): void {
    this.held = client;
    const lost = (error?: Error) => {
      client.off("error", lost);
      client.off("end", lost);
      if (this.held !== client) return;
      this.held = undefined;
      client.release(error ?? true);
      this.options.log.warn({ err: error }, "lost the leadership: its database connection failed; trying again");
      this.tell(false);
    };
    client.on("error", lost);
    client.on("end", lost);
    this.options.log.info("took the leadership");
    this.tell(true);
  }

  private tell(leader: boolean): void {
    for (const listener of [...this.listeners]) listener(leader);
  }
}
