// Discord's guild sharding: a session identifies with [shard_id, num_shards] and is sent the events of the guilds
// with (guild_id >> 22) % num_shards == shard_id; events that carry no guild go to shard 0 only (DMs among them).
import { DISCORD_EPOCH } from "../snowflake.js";

/** IDENTIFY's `shard`: [shard_id, num_shards]. */
export type Shard = readonly [id: number, count: number];

/** A session that sends no `shard` is the one shard of a bot that does not shard. */
export const UNSHARDED: Shard = [0, 1];

/** IDENTIFY's `shard` if valid (two integers, 0 ≤ id < count); undefined otherwise (Discord closes with 4010). */
export function readShard(raw: unknown): Shard | undefined {
  if (raw === undefined) return UNSHARDED;
  if (!Array.isArray(raw) || raw.length !== 2) return undefined;
  const [id, count] = raw as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const [i, n] = [id as number, count as number];
  return n >= 1 && i >= 0 && i < n ? [i, n] : undefined;
}

/** The shard a guild's events go to among `count`. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** Whether a session on `shard` is sent an event of this guild (undefined: an event without a guild, shard 0's). */
export function routesTo([id, count]: Shard, guildId: string | undefined): boolean {
  return guildId === undefined ? id === 0 : shardOfGuild(guildId, count) === id;
}

const GUILD_OBJECT_EVENTS = new Set(["GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"]);

/** The guild a dispatch belongs to: the guild itself for GUILD_CREATE/UPDATE/DELETE, else its `guild_id`, if any. */
export function guildOfDispatch(t: string, d: unknown): string | undefined {
  if (typeof d !== "object" || d === null) return undefined;
  const id = GUILD_OBJECT_EVENTS.has(t) ? (d as { id?: unknown }).id : (d as { guild_id?: unknown }).guild_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Snowflakes guildOnShard made: a worker id of their own (2; snowflake() uses 1) and rising timestamps keep them unique. */
let lastTimestamp = 0n;

/** A new guild id whose events go to shard `shardId` of `count`: for tests that place guilds on chosen shards. */
export function guildOnShard(shardId: number, count: number): string {
  if (readShard([shardId, count]) === undefined) throw new Error(`fake discord: no shard ${shardId} among ${count}`);
  let timestamp = BigInt(Date.now()) - DISCORD_EPOCH;
  if (timestamp <= lastTimestamp) timestamp = lastTimestamp + 1n;
  timestamp += (BigInt(shardId) - (timestamp % BigInt(count)) + BigInt(count)) % BigInt(count);
  lastTimestamp = timestamp;
  return ((timestamp << 22n) | (2n << 17n)).toString();
}
