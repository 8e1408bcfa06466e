// Leadership among the processes on one database (issue 20): one process runs the contests' phases. On PostgreSQL
// the holder of an advisory lock on a connection of its own leads; when it stops, or its connection is cut, another
// takes over at its next try. On SQLite (one process) the process always leads.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import type { Db } from "../../src/store/database.js";
import { leaderLockKey, startLeadership, type Leadership } from "../../src/store/leadership.js";
import { databasesClosedAfterEach, freshTarget, testDialect } from "./memory-db.js";

const open = databasesClosedAfterEach();
const log = createLogger({ level: "silent", secrets: [] });
const retryMs = 200;

// Before the databases close (after-each hooks run last first): a pool waits for the connection a leader holds.
const started: Leadership[] = [];
afterEach(() => {
  for (const leadership of started.splice(0)) leadership.stop();
});

/** A process's leadership, on its own connection pool, with its changes recorded. */
async function processOn(target: string) {
  const db = await open(target);
  const leadership = await startLeadership(db, { retryMs, log });
  started.push(leadership);
  const changes: boolean[] = [];
  leadership.onChange((leader) => changes.push(leader));
  return { db, leadership, changes };
}

/** The server process holding the leader's lock (PostgreSQL). */
async function lockHolder(db: Db): Promise<number | undefined> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_locks where locktype = 'advisory' and objid = ${leaderLockKey} and granted`.execute(db);
  return rows[0]?.pid;
}

describe(`leadership on ${testDialect}`, () => {
  it.skipIf(testDialect !== "sqlite")("is always this process's on SQLite (one process)", async () => {
    const { leadership, changes } = await processOn(await freshTarget());
    expect(leadership.isLeader).toBe(true);
    leadership.stop();
    expect(changes).toEqual([]);
  });

  it.skipIf(testDialect !== "postgres")("goes to one process of two; when it stops, the other takes over within the retry interval", async () => {
    const target = await freshTarget();
    const first = await processOn(target);
    const second = await processOn(target);
    expect([first.leadership.isLeader, second.leadership.isLeader]).toEqual([true, false]);
    // Tries go on: the second still does not lead a few tries later.
    await new Promise((resolve) => setTimeout(resolve, 3 * retryMs));
    expect(second.leadership.isLeader).toBe(false);
    expect(await lockHolder(second.db)).toEqual(expect.any(Number));

    first.leadership.stop();
    expect(first.leadership.isLeader).toBe(false);
    expect(first.changes).toEqual([false]);
    const stoppedAt = Date.now();
    await expect.poll(() => second.leadership.isLeader, { timeout: 5000, interval: 20 }).toBe(true);
    // Within a try, plus the time the server takes to end the session.
    expect(Date.now() - stoppedAt).toBeLessThan(retryMs + 1000);
    expect(second.changes).toEqual([true]);
    // A stopped leadership tries no more.
    await new Promise((resolve) => setTimeout(resolve, 2 * retryMs));
    expect(first.changes).toEqual([false]);
  });

  it.skipIf(testDialect !== "postgres")("is lost when its connection is cut (pg_terminate_backend): one of the two leads again within the retry interval", async () => {
    const target = await freshTarget();
    const first = await processOn(target);
    const second = await processOn(target);
    expect(first.leadership.isLeader).toBe(true);
    const holder = await lockHolder(second.db);
    expect(holder).toEqual(expect.any(Number));

    await sql`select pg_terminate_backend(${holder})`.execute(second.db);
    await expect.poll(() => first.changes, { timeout: 5000, interval: 20 }).toContain(false);
    expect(first.changes[0]).toBe(false);
    // Both try again; whichever tries first leads, on a new session.
    const leaders = () => [first, second].filter((process) => process.leadership.isLeader);
    await expect.poll(() => leaders().length, { timeout: retryMs + 1000, interval: 20 }).toBe(1);
    const newHolder = await lockHolder(second.db);
    expect(newHolder).toEqual(expect.any(Number));
    expect(newHolder).not.toBe(holder);
    await new Promise((resolve) => setTimeout(resolve, 3 * retryMs));
    expect(leaders()).toHaveLength(1);

    // The leader stops: the other follows it. Both pools still serve queries: only the lock's connection was cut.
    const [leader] = leaders();
    const other = leader === first ? second : first;
    leader!.leadership.stop();
    await expect.poll(() => other.leadership.isLeader, { timeout: retryMs + 1000, interval: 20 }).toBe(true);
    expect(await lockHolder(first.db)).toEqual(expect.any(Number));
  });
});
