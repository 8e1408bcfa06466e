// The fake gateway's sharding, driven over real WebSockets: a session identified with [shard_id, num_shards] gets the
// events of its guilds only ((guild_id >> 22) % num_shards), shard 0 the events without a guild, an invalid shard is
// closed with 4010, and GET /gateway/bot recommends a number of shards.
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, type ChatInputCommandInteraction, type Interaction } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { guildOnShard, shardOfGuild, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/discord/index.js";

interface Frame {
  op: number;
  s: number | null;
  t: string | null;
  d: unknown;
}

/** One raw gateway connection: every frame it received, and a way to wait for the next that matches. */
interface RawSession {
  ws: WebSocket;
  frames: Frame[];
  next(predicate: (frame: Frame) => boolean): Promise<Frame>;
}

let fake: FakeDiscord | undefined;
const opened: WebSocket[] = [];
const clients: Client[] = [];

afterEach(async () => {
  for (const ws of opened.splice(0)) ws.terminate();
  for (const client of clients.splice(0)) await client.destroy();
  await fake?.close();
  fake = undefined;
});

const intents = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages;

/** Guilds on chosen shards of two: the first guild on shard 1, the second on shard 0, the server elsewhere on shard 1. */
async function twoShardFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await startFakeDiscord({
    guildIds: { main: guildOnShard(1, 2), second: guildOnShard(0, 2), elsewhere: guildOnShard(1, 2) },
    ...options,
  });
  return fake;
}

function connect(f: FakeDiscord): Promise<RawSession> {
  const ws = new WebSocket(`ws://127.0.0.1:${f.port}/gateway?v=10&encoding=json`);
  opened.push(ws);
  const frames: Frame[] = [];
  ws.on("message", (data) => frames.push(JSON.parse(String(data)) as Frame));
  const next = async (predicate: (frame: Frame) => boolean): Promise<Frame> => {
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      await once(ws, "message");
    }
  };
  return once(ws, "open").then(() => ({ ws, frames, next }));
}

/** Identifies with `shard` (left out when undefined) and waits for READY and the GUILD_CREATE of each guild it lists. */
async function identify(f: FakeDiscord, shard?: unknown): Promise<RawSession> {
  const session = await connect(f);
  session.ws.send(JSON.stringify({ op: 2, d: { token: f.botToken, intents, properties: {}, ...(shard === undefined ? {} : { shard }) } }));
  const ready = await session.next((frame) => frame.t === "READY");
  const last = (ready.d as { guilds: { id: string }[] }).guilds.at(-1);
  if (last) await session.next((frame) => frame.t === "GUILD_CREATE" && (frame.d as { id: string }).id === last.id);
  return session;
}

const dispatchedIds = (session: RawSession, t: string) =>
  session.frames.filter((frame) => frame.t === t).map((frame) => (frame.d as { id: string }).id);

/** The shards (as recorded by the fake) an INTERACTION_CREATE of this interaction went to. */
const shardsOfInteraction = (f: FakeDiscord, id: string) =>
  f.requests
    .filter((r) => r.kind === "gateway" && r.direction === "out" && r.t === "INTERACTION_CREATE" && (r.body as Frame & { d: { id: string } }).d.id === id)
    .map((r) => r.shard);

const imagine = (f: FakeDiscord, channelId: string, extra: { userInstall?: boolean } = {}) =>
  f.dispatchSlashCommand({ name: "imagine", channelId, options: [{ name: "prompt", value: "a lighthouse" }], ...extra });

describe("guildOnShard", () => {
  it("makes distinct guild ids whose events go to the chosen shard", () => {
    const ids = new Set<string>();
    for (const count of [1, 2, 3, 16, 1000]) {
      for (const shard of new Set([0, 1 % count, count - 1])) {
        const id = guildOnShard(shard, count);
        expect(shardOfGuild(id, count), `${id} on shard ${shard} of ${count}`).toBe(shard);
        expect(Number((BigInt(id) >> 22n) % BigInt(count))).toBe(shard);
        ids.add(id);
      }
    }
    expect(ids.size).toBe(12);
    expect(() => guildOnShard(2, 2)).toThrow(/no shard 2 among 2/);
  });
});

describe("sharded sessions", () => {
  it("send each shard READY and GUILD_CREATE for its own guilds only, with its shard in READY", async () => {
    const f = await twoShardFake();
    const zero = await identify(f, [0, 2]);
    const one = await identify(f, [1, 2]);
    const ready = (s: RawSession) => s.frames.find((frame) => frame.t === "READY")!.d as { shard: number[]; guilds: { id: string }[] };
    expect(ready(zero)).toMatchObject({ shard: [0, 2], guilds: [{ id: f.secondGuild.id, unavailable: true }] });
    expect(ready(one)).toMatchObject({ shard: [1, 2], guilds: [{ id: f.guild.id, unavailable: true }] });
    expect(dispatchedIds(zero, "GUILD_CREATE")).toEqual([f.secondGuild.id]);
    expect(dispatchedIds(one, "GUILD_CREATE")).toEqual([f.guild.id]);
  });

  it("send a shard that none of the guilds route to an empty READY and no GUILD_CREATE", async () => {
    const f = (fake = await startFakeDiscord({ guildIds: { main: guildOnShard(0, 2), second: guildOnShard(0, 2) } }));
    const one = await identify(f, [1, 2]);
    expect(one.frames.find((frame) => frame.t === "READY")?.d).toMatchObject({ shard: [1, 2], guilds: [] });
    const zero = await identify(f, [0, 2]);
    expect(dispatchedIds(zero, "GUILD_CREATE")).toEqual([f.guild.id, f.secondGuild.id]);
    expect(dispatchedIds(one, "GUILD_CREATE")).toEqual([]);
  });

  it("give further guilds (guildIds.more) to their shards: READY, GUILD_CREATE with their channel and owner, their interactions", async () => {
    const more = [guildOnShard(2, 3), guildOnShard(0, 3)];
    const f = (fake = await startFakeDiscord({ guildIds: { main: guildOnShard(1, 3), second: guildOnShard(1, 3), more } }));
    expect(f.moreGuilds.map((g) => g.id)).toEqual(more);
    const [zero, one, two] = [await identify(f, [0, 3]), await identify(f, [1, 3]), await identify(f, [2, 3])];
    expect(dispatchedIds(zero, "GUILD_CREATE")).toEqual([more[1]]);
    expect(dispatchedIds(one, "GUILD_CREATE")).toEqual([f.guild.id, f.secondGuild.id]);
    expect(dispatchedIds(two, "GUILD_CREATE")).toEqual([more[0]]);
    const created = two.frames.find((frame) => frame.t === "GUILD_CREATE")!.d as { name: string; owner_id: string; channels: { id: string }[]; members: { user: { id: string } }[] };
    expect(created).toMatchObject({ name: f.moreGuilds[0]!.name, owner_id: f.moreGuilds[0]!.users.owner.id, channels: [{ id: f.moreGuilds[0]!.channels.lobby }] });
    expect(created.members.map((m) => m.user.id)).toContain(f.moreGuilds[0]!.users.owner.id);

    const handles = f.moreGuilds.map((g) => imagine(f, g.channels.lobby));
    await two.next((frame) => frame.t === "INTERACTION_CREATE" && (frame.d as { id: string }).id === handles[0]!.id);
    await zero.next((frame) => frame.t === "INTERACTION_CREATE" && (frame.d as { id: string }).id === handles[1]!.id);
    expect(shardsOfInteraction(f, handles[0]!.id)).toEqual([[2, 3]]);
    expect(shardsOfInteraction(f, handles[1]!.id)).toEqual([[0, 3]]);
    const interaction = (session: RawSession) => session.frames.find((frame) => frame.t === "INTERACTION_CREATE")!.d as { guild_id: string; channel_id: string };
    expect(interaction(two)).toMatchObject({ guild_id: more[0], channel_id: f.moreGuilds[0]!.channels.lobby });
    expect(dispatchedIds(one, "INTERACTION_CREATE")).toEqual([]);
  });

  it("route an interaction, a member's message and a guild update by the guild's id", async () => {
    const f = await twoShardFake();
    const zero = await identify(f, [0, 2]);
    const one = await identify(f, [1, 2]);

    const inFirst = imagine(f, f.channels.general);
    await one.next((frame) => frame.t === "INTERACTION_CREATE" && (frame.d as { id: string }).id === inFirst.id);
    expect(shardsOfInteraction(f, inFirst.id)).toEqual([[1, 2]]);
    const inSecond = imagine(f, f.secondGuild.channels.lobby);
    await zero.next((frame) => frame.t === "INTERACTION_CREATE" && (frame.d as { id: string }).id === inSecond.id);
    expect(shardsOfInteraction(f, inSecond.id)).toEqual([[0, 2]]);

    const message = f.postUserMessage({ content: "hello" });
    await one.next((frame) => frame.t === "MESSAGE_CREATE" && (frame.d as { id: string }).id === message.id);
    f.setBoost(1, f.secondGuild.id);
    await zero.next((frame) => frame.t === "GUILD_UPDATE");

    // Each shard got only its own guild's events.
    expect(dispatchedIds(zero, "INTERACTION_CREATE")).toEqual([inSecond.id]);
    expect(dispatchedIds(one, "INTERACTION_CREATE")).toEqual([inFirst.id]);
    expect(dispatchedIds(zero, "MESSAGE_CREATE")).toEqual([]);
    expect(dispatchedIds(zero, "GUILD_UPDATE")).toEqual([f.secondGuild.id]);
    expect(dispatchedIds(one, "GUILD_UPDATE")).toEqual([]);
  });

  it("send events without a guild (DM and group DM commands, DMs) to shard 0 only; a user install's server command to that server's shard", async () => {
    const f = await twoShardFake();
    const zero = await identify(f, [0, 2]);
    const one = await identify(f, [1, 2]);

    const inDm = imagine(f, f.botDm(f.users.member), { userInstall: true });
    const inGroupDm = imagine(f, f.elsewhere.groupDmId, { userInstall: true });
    for (const handle of [inDm, inGroupDm]) {
      await zero.next((frame) => frame.t === "INTERACTION_CREATE" && (frame.d as { id: string }).id === handle.id);
      expect(shardsOfInteraction(f, handle.id)).toEqual([[0, 2]]);
    }
    // The server elsewhere (the bot is not in it) is on shard 1: its guild_id routes the interaction there.
    const elsewhere = imagine(f, f.elsewhere.channelId, { userInstall: true });
    await one.next((frame) => frame.t === "INTERACTION_CREATE" && (frame.d as { id: string }).id === elsewhere.id);
    expect(shardsOfInteraction(f, elsewhere.id)).toEqual([[1, 2]]);

    // The bot's own DM to a member comes back as MESSAGE_CREATE (DirectMessages intent), without a guild.
    const dm = await fetch(`${f.apiUrl}/v10/channels/${f.botDm(f.users.member)}/messages`, {
      method: "POST",
      headers: { authorization: `Bot ${f.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ content: "your image is ready" }),
    });
    expect(dm.status).toBe(200);
    const { id } = (await dm.json()) as { id: string };
    await zero.next((frame) => frame.t === "MESSAGE_CREATE" && (frame.d as { id: string }).id === id);

    expect(dispatchedIds(zero, "INTERACTION_CREATE")).toEqual([inDm.id, inGroupDm.id]);
    expect(dispatchedIds(one, "INTERACTION_CREATE")).toEqual([elsewhere.id]);
    expect(dispatchedIds(one, "MESSAGE_CREATE")).toEqual([]);
  });

  it("send nothing to the wrong shard: with only shard 0 connected, a command in shard 1's guild finds no session", async () => {
    const f = await twoShardFake();
    const zero = await identify(f, [0, 2]);
    expect(() => imagine(f, f.channels.general)).toThrow(/no client is connected/);
    expect(dispatchedIds(zero, "INTERACTION_CREATE")).toEqual([]);
    expect(f.requests.some((r) => r.t === "INTERACTION_CREATE")).toBe(false);
  });

  it("leave an unsharded session (no shard, or [0, 1]) every guild and every event, as before", async () => {
    const f = await twoShardFake();
    const session = await identify(f);
    expect((session.frames.find((frame) => frame.t === "READY")!.d as { shard: number[] }).shard).toEqual([0, 1]);
    expect(dispatchedIds(session, "GUILD_CREATE")).toEqual([f.guild.id, f.secondGuild.id]);
    const handles = [imagine(f, f.channels.general), imagine(f, f.secondGuild.channels.lobby), imagine(f, f.botDm(f.users.member), { userInstall: true })];
    await session.next((frame) => frame.t === "INTERACTION_CREATE" && (frame.d as { id: string }).id === handles[2]!.id);
    expect(dispatchedIds(session, "INTERACTION_CREATE")).toEqual(handles.map((h) => h.id));
    for (const handle of handles) expect(shardsOfInteraction(f, handle.id)).toEqual([[0, 1]]);
  });

  it.each([
    ["a shard id equal to the count", [2, 2]],
    ["no shards at all", [0, 0]],
    ["a negative shard id", [-1, 2]],
    ["a fraction", [0.5, 2]],
    ["one number", [0]],
    ["not an array", "0,2"],
  ])("close an IDENTIFY with %s with 4010 Invalid shard", async (_what, shard) => {
    const f = (fake = await startFakeDiscord());
    const session = await connect(f);
    session.ws.send(JSON.stringify({ op: 2, d: { token: f.botToken, intents, properties: {}, shard } }));
    const [code, reason] = (await once(session.ws, "close")) as [number, Buffer];
    expect(code).toBe(4010);
    expect(String(reason)).toBe("Invalid shard.");
    expect(session.frames.some((frame) => frame.t === "READY")).toBe(false);
  });
});

describe("GET /gateway/bot", () => {
  const gatewayBot = async (f: FakeDiscord) => {
    const response = await fetch(`${f.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${f.botToken}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as { url: string; shards: number; session_start_limit: Record<string, number> };
  };

  it("recommends one shard and one identify per 5 s unless told otherwise", async () => {
    const f = (fake = await startFakeDiscord());
    expect(await gatewayBot(f)).toEqual({
      url: `ws://127.0.0.1:${f.port}/gateway`,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    });
  });

  it("answers the configured recommended shards and max_concurrency", async () => {
    const f = (fake = await startFakeDiscord({ recommendedShards: 3, maxConcurrency: 16 }));
    expect(await gatewayBot(f)).toMatchObject({ shards: 3, session_start_limit: { max_concurrency: 16 } });
  });
});

describe("discord.js with two shards in one client", () => {
  it("identifies each shard, becomes ready once both are, and gets each guild's interaction on its shard", async () => {
    // max_concurrency 2: discord.js identifies both shards at once instead of 5 s apart.
    const f = await twoShardFake({ maxConcurrency: 2, heartbeatIntervalMs: 100 });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], shards: [0, 1], shardCount: 2, rest: { api: f.apiUrl } });
    clients.push(client);
    const ready = once(client, Events.ClientReady);
    await client.login(f.botToken);
    await ready;
    const identifies = f.requests.filter((r) => r.kind === "gateway" && r.direction === "in" && r.op === 2);
    expect(identifies.map((r) => (r.body as { d: { shard: number[] } }).d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(client.guilds.cache.get(f.guild.id)?.shardId).toBe(1);
    expect(client.guilds.cache.get(f.secondGuild.id)?.shardId).toBe(0);

    const arrived = new Promise<ChatInputCommandInteraction>((resolve) =>
      client.on(Events.InteractionCreate, (i: Interaction) => {
        if (i.isChatInputCommand()) resolve(i);
      }),
    );
    const handle = imagine(f, f.channels.general);
    const interaction = await arrived;
    expect(interaction.id).toBe(handle.id);
    expect(interaction.guild?.shardId).toBe(1);
    expect(shardsOfInteraction(f, handle.id)).toEqual([[1, 2]]);
  });
});
