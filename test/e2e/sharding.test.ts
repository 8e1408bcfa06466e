// Two bot processes splitting the bot's shards (issue 20): SHARD_COUNT=2, one runs shard 0 and the other shard 1,
// against the same fakes and the same database (the harness's: an SQLite file in WAL mode, or PostgreSQL when the
// run asks for it). Discord sends a server's interactions to its shard ((server id >> 22) % 2) and DMs to shard 0,
// so each /imagine is answered by the process running that shard, and by it alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guildOnShard, type FakeDiscord } from "../fakes/discord/index.js";
import type { BotProcess } from "./bot-process.js";
import { imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJob } from "./job-records.js";

let h: Harness;
/** The process running shard 0 (h.bot) and the one running shard 1. */
let shardZero: BotProcess;
let shardOne: BotProcess;

beforeAll(async () => {
  h = await startHarness({
    // The first server on shard 1, the second on shard 0.
    discord: { guildIds: { main: guildOnShard(1, 2), second: guildOnShard(0, 2) } },
    // Global commands, as a sharded bot registers them: a server's own commands do not reach DMs.
    env: { SHARD_COUNT: "2", SHARD_IDS: "0", DISCORD_GUILD_ID: "" },
  });
  shardZero = h.bot;
  shardOne = await h.startAnother({ SHARD_IDS: "1" });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** The shards (as the fake recorded them) this interaction's INTERACTION_CREATE went to. */
function shardsReached(discord: FakeDiscord, interactionId: string) {
  return discord.requests
    .filter((r) => r.kind === "gateway" && r.direction === "out" && r.t === "INTERACTION_CREATE" && (r.body as { d: { id: string } }).d.id === interactionId)
    .map((r) => r.shard);
}

describe("two processes, one shard each", () => {
  it("each identifies its own shard of two, gets its own server, and says so in its log", () => {
    const identifies = h.discord.requests.filter((r) => r.kind === "gateway" && r.direction === "in" && r.op === 2);
    expect(identifies.map((r) => (r.body as { d: { shard: number[] } }).d.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const [process, shard] of [
      [shardZero, 0],
      [shardOne, 1],
    ] as const) {
      expect(process.logs.find((l) => l.msg === "ready")).toMatchObject({ shards: [shard], shardCount: 2 });
      // Each shard holds one of the two servers.
      expect(process.logs.find((l) => l.msg === "connected to Discord")).toMatchObject({ guilds: 1, shards: [shard], shardCount: 2 });
    }
  });

  it.each([
    ["the server on shard 1", () => ({ channelId: h.discord.channels.general, answeredBy: shardOne, other: shardZero, shard: [1, 2] })],
    ["the server on shard 0", () => ({ channelId: h.discord.secondGuild.channels.lobby, answeredBy: shardZero, other: shardOne, shard: [0, 2] })],
    ["the bot's DM (no server: shard 0)", () => ({ channelId: h.discord.botDm(h.discord.users.member), answeredBy: shardZero, other: shardOne, shard: [0, 2] })],
  ])("/imagine from %s is answered by the process running its shard", async (_where, place) => {
    const { channelId, answeredBy, other, shard } = place();
    const dm = channelId === h.discord.botDm(h.discord.users.member);
    const interaction = dm
      ? h.discord.dispatchSlashCommand({ name: "imagine", channelId, userInstall: true, options: [{ name: "prompt", value: "a lighthouse at dusk" }] })
      : imagine(h, { prompt: "a lighthouse at dusk", channelId });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);
    expect(shardsReached(h.discord, interaction.id)).toEqual([shard]);

    const { ref } = await storedJob(h, interaction);
    // The process that logs the delivery marks the job delivered just before.
    await answeredBy.waitForLog((l) => l.msg === "delivered" && l.job === ref);
    expect((await storedJob(h, interaction)).state).toBe("delivered");
    expect(other.logs.filter((l) => l.job === ref)).toEqual([]);
  });
});
