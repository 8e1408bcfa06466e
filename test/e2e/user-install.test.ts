// A member's own install of the app (issue 18): /imagine from the bot's DM, a group DM and a server that never added
// the bot, each answered through the interaction token (the bot token never writes to those channels); with the token
// spent, the result goes by direct message; the operator's per-member limits (images, models, budget, jobs at once)
// refuse what exceeds them before fal;
// where Discord forces the reply private the reply says so; and a result's button works in a DM.
import { PermissionFlagsBits } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordFault, FakeUser, InteractionHandle } from "../fakes/discord/index.js";
import { buttonIds, falRequests, submitBody, waitForFinal, watchedAtFal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";
import { storedJob } from "./job-records.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: {
      // Global commands: a server's own commands do not reach DMs or other servers.
      DISCORD_GUILD_ID: "",
      USER_INSTALL_DAILY_IMAGES: "7",
      USER_INSTALL_MODELS: "nano-banana,gemini-25-flash-image,nano-banana-2,nano-banana-2-edit,gemini-25-flash-vision,seedvr-upscale",
    },
  });
});
afterAll(async () => {
  await h?.close();
});

interface Order {
  prompt: string;
  channelId: string;
  user?: FakeUser;
  options?: Record<string, string | number>;
  memberPermissions?: bigint;
}

function imagineHere(order: Order, harness = h): InteractionHandle {
  return harness.discord.dispatchSlashCommand({
    name: "imagine",
    options: [{ name: "prompt", value: order.prompt }, ...Object.entries(order.options ?? {}).map(([name, value]) => ({ name, value }))],
    channelId: order.channelId,
    userInstall: true,
    ...(order.user ? { user: order.user } : {}),
    ...(order.memberPermissions !== undefined ? { memberPermissions: order.memberPermissions } : {}),
  });
}

/** What the bot asked of a channel with its own token (reads, posts, edits, deletes). */
function botTokenWrites(channelId: string) {
  return h.discord.requests.filter((r) => r.kind === "http" && (r.path.endsWith(`/channels/${channelId}`) || r.path.includes(`/channels/${channelId}/`)));
}

/** The job's row as stored, with its ledger row's key. */
async function storedRow(interaction: Pick<InteractionHandle, "id">) {
  const row = await h.database.get<{ tokenOnly: number; ephemeral: number; guildId: string | null; uploadLimit: number; spentAgainst: string }>(
    `SELECT j.token_only AS "tokenOnly", j.ephemeral, j.guild_id AS "guildId", j.upload_limit AS "uploadLimit", l.guild_id AS "spentAgainst"
     FROM jobs j JOIN ledger l ON l.job_id = j.id WHERE j.interaction_id = ?`,
    interaction.id,
  );
  return row!;
}

const invalidToken: DiscordFault = { status: 401, code: 50027, message: "Invalid Webhook Token" };

describe("where the bot is not a member, everything goes through the token", () => {
  it.each([
    ["the bot's DM", () => h.discord.botDm(h.discord.users.member), 0],
    ["a group DM", () => h.discord.elsewhere.groupDmId, 1],
    ["a server that did not add the bot", () => h.discord.elsewhere.channelId, 1],
  ])("/imagine from %s is delivered through its token, spent against the member", async (_where, channel, tokenOnly) => {
    const channelId = channel();
    const writesBefore = botTokenWrites(channelId).length;
    const interaction = imagineHere({ prompt: `a lantern seen from ${channelId}`, channelId });
    expect((await interaction.response()).type).toBe(5);
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);
    expect(final.channel_id).toBe(channelId);
    expect(botTokenWrites(channelId).slice(writesBefore)).toEqual([]);
    await expect.poll(async () => (await storedJob(h, interaction)).state).toBe("delivered");
    const row = await storedRow(interaction);
    expect(row).toMatchObject({ tokenOnly, ephemeral: 0, spentAgainst: `user:${h.discord.users.member.id}` });
    // Where the bot is not in the channel, its Delete button (the bot token's) and contests are not offered.
    const ref = (await storedJob(h, interaction)).ref;
    expect(buttonIds(final).includes(`job:1:delete:${ref}`)).toBe(tokenOnly === 0);
  });

  it("with the token spent, the result goes to the member by direct message, never to the channel", async () => {
    const channelId = h.discord.elsewhere.groupDmId;
    const writesBefore = botTokenWrites(channelId).length;
    const dmsBefore = h.discord.directMessages(h.discord.users.member.id).length;
    h.discord.failNext((r) => r.method === "PATCH" && r.path.startsWith("/webhooks/") && r.files > 0, invalidToken);
    const interaction = imagineHere({ prompt: "a kite after the token ran out", channelId });
    await expect.poll(async () => (await storedJob(h, interaction)).state, { timeout: 20_000 }).toBe("delivered");
    const dms = h.discord.directMessages(h.discord.users.member.id).slice(dmsBefore);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.attachments).toHaveLength(1);
    expect(botTokenWrites(channelId).slice(writesBefore)).toEqual([]);
  });

  it("a server's result delivered by direct message: its buttons there answer that they work in the server, nothing sent to fal", async () => {
    const channelId = h.discord.elsewhere.channelId;
    // Another member than the other tests', whose daily images they use up.
    const user = h.discord.users.moderator;
    const dmsBefore = h.discord.directMessages(user.id).length;
    h.discord.failNext((r) => r.method === "PATCH" && r.path.startsWith("/webhooks/") && r.files > 0, invalidToken);
    const interaction = imagineHere({ prompt: "a lantern delivered by DM", channelId, user });
    await expect.poll(async () => (await storedJob(h, interaction)).state, { timeout: 20_000 }).toBe("delivered");
    const dm = h.discord.directMessages(user.id).slice(dmsBefore)[0]!;
    const ref = (await storedJob(h, interaction)).ref;
    const since = h.fal.requests.length;
    const press = h.discord.clickButton({ message: dm, customId: `job:1:reroll:${ref}`, user, userInstall: true });
    const answer = await press.response();
    expect(answer.data?.content).toBe("Use the buttons in the server where the image was made: its limits apply there.");
    expect(answer.data?.flags).toBe(64);
    expect(falRequests(h, "submit", since)).toEqual([]);
  });

  it("a result's button pressed in the bot's DM starts a new job answered through the button's token", async () => {
    const channelId = h.discord.botDm(h.discord.users.member);
    const first = imagineHere({ prompt: "a paper boat", channelId });
    const result = await waitForFinal(h, first);
    const ref = (await storedJob(h, first)).ref;
    const press = h.discord.clickButton({ message: result, customId: `job:1:reroll:${ref}`, userInstall: true });
    expect((await press.response()).type).toBe(5);
    const again = await waitForFinal(h, press);
    expect(again.attachments).toHaveLength(1);
    expect(await storedRow(press)).toMatchObject({ spentAgainst: `user:${h.discord.users.member.id}` });
  });
});

describe("the operator's limits for a member's own install", () => {
  it("refuse what exceeds the member's daily images, and a model the operator left out, with nothing sent to fal", async () => {
    const other = h.discord.users.other;
    const channelId = h.discord.elsewhere.groupDmId;
    const first = imagineHere({ prompt: "four small stars", channelId, user: other, options: { count: 4 } });
    await waitForFinal(h, first);
    const since = h.fal.requests.length;
    const tooMany = imagineHere({ prompt: "four more stars", channelId, user: other, options: { count: 4 } });
    const refusal = await tooMany.response();
    expect(refusal.type).toBe(4);
    expect(refusal.data?.flags).toBe(64);
    expect(refusal.data?.content).toContain("You have 3 of your 7 images left today and asked for 4");
    const premium = imagineHere({ prompt: "a costly star", channelId, user: other, options: { model: "nano-banana-pro" } });
    expect((await premium.response()).data?.content).toContain("Nano Banana Pro is not available through your own install of the bot");
    expect(falRequests(h, "submit", since)).toEqual([]);
  });

  it("/usage there shows the member's own spend against the operator's limits", async () => {
    const usage = h.discord.dispatchSlashCommand({ name: "usage", channelId: h.discord.elsewhere.groupDmId, user: h.discord.users.other, userInstall: true });
    const response = await usage.response();
    expect(response.data?.flags).toBe(64);
    const embed = (response.data?.embeds as { title: string; fields: { name: string; value: string }[] }[])[0]!;
    expect(embed.title).toBe("Your usage today (your own install)");
    expect(embed.fields.find((f) => f.name === "Images today")?.value).toBe("4 of 7 used · 3 left");
  });
});

describe("the operator's budget and jobs at once for a member's own install", () => {
  // A budget for two Nano Banana images ($0.039 each) and one job at a time, per member.
  let own: Harness;
  beforeAll(async () => {
    own = await startHarness({
      env: { DISCORD_GUILD_ID: "", USER_INSTALL_DAILY_BUDGET_USD: "0.1", USER_INSTALL_MAX_JOBS: "1", PROGRESS_INTERVAL_MS: "250" },
    });
  });
  afterAll(async () => {
    await own?.close();
  });

  const nanoBanana = (prompt: string, channelId: string, user: FakeUser, count = 1) =>
    imagineHere({ prompt, channelId, user, options: { model: "nano-banana", count } }, own);
  /** The words of a refusal: a private reply at once, before anything reaches fal. */
  async function refusalOf(interaction: InteractionHandle): Promise<string> {
    const submitted = submits().length;
    const refusal = await interaction.response();
    expect([refusal.type, refusal.data?.flags]).toEqual([4, 64]);
    expect(submits()).toHaveLength(submitted);
    return String(refusal.data?.content);
  }
  /** Every submit that reached fal, answered or not. */
  const submits = () => own.fal.arrivals.filter((a) => a.route === "submit");
  /** What the member's own install has spent, row by row. */
  const ledgerOf = (user: FakeUser) =>
    own.database.all<{ jobId: number; status: string; usd: number }>(
      `SELECT job_id AS "jobId", status, usd FROM ledger WHERE guild_id = ? ORDER BY job_id`,
      `user:${user.id}`,
    );

  it("refuse an image over what is left of the member's daily budget, privately, with nothing sent to fal or spent", async () => {
    const { member } = own.discord.users;
    const channelId = own.discord.elsewhere.groupDmId;
    const first = nanoBanana("two brass keys", channelId, member, 2);
    expect((await waitForFinal(own, first)).attachments).toHaveLength(2);
    await expect.poll(async () => (await ledgerOf(member)).map((row) => row.status)).toEqual(["settled"]);
    const spent = await ledgerOf(member);
    expect(spent[0]!.usd).toBeCloseTo(0.078, 9);

    expect(await refusalOf(nanoBanana("one more key", channelId, member))).toMatch(
      /^Nothing was sent to the model\. Please change this:\n• This would go over what is left of your daily budget \(\$0\.02\); try a cheaper model or fewer images, or wait until it resets <t:\d+:R>\.$/,
    );
    expect(await ledgerOf(member)).toEqual(spent);
  });

  it("refuse a second job while the member's first is at fal, with nothing sent there; once the first has ended they may ask again", async () => {
    const { other } = own.discord.users;
    const channelId = own.discord.botDm(other);
    own.fal.failNext({ kind: "never-finish" });
    const first = nanoBanana("a kettle that never boils", channelId, other);
    expect((await first.response()).type).toBe(5);
    await watchedAtFal(own, (submit) => submitBody(submit).prompt === "a kettle that never boils");
    const submitted = submits().length;

    expect(await refusalOf(nanoBanana("a second kettle", channelId, other))).toBe(
      "Nothing was sent to the model. Please change this:\n• You already have 1 job running, the most allowed through your own install. Wait for one to finish.",
    );
    expect((await ledgerOf(other)).map((row) => row.status)).toEqual(["reserved"]);

    // The member cancels the first (under its progress in their DM); its reservation is released, and the next is taken.
    const progress = await first.waitForOriginal((m) => buttonIds(m).some((id) => id.startsWith("job:1:cancel:")), 15_000);
    const cancel = buttonIds(progress).find((id) => id.startsWith("job:1:cancel:"))!;
    const press = own.discord.clickButton({ message: progress, customId: cancel, user: other, userInstall: true });
    expect((await press.response()).type).toBe(6);
    await expect.poll(async () => (await storedJob(own, first)).state).toBe("cancelled");
    const again = nanoBanana("a second kettle, later", channelId, other);
    expect((await again.response()).type).toBe(5);
    expect((await waitForFinal(own, again)).attachments).toHaveLength(1);
    expect(submits()).toHaveLength(submitted + 1);
    expect((await ledgerOf(other)).map((row) => row.status)).toEqual(["released", "settled"]);
  });

  it("count a job until it is delivered: made and billed at fal but still on its way to Discord, it still holds the member's one place", async () => {
    const { owner } = own.discord.users;
    const channelId = own.discord.botDm(owner);
    const release = own.fal.holdCdn();
    try {
      const first = nanoBanana("a lighthouse in fog", channelId, owner);
      expect((await first.response()).type).toBe(5);
      const submit = await own.fal.waitForRequest((r) => r.route === "submit" && submitBody(r).prompt === "a lighthouse in fog", 10_000);
      // fal made it (its reservation is settled); the bot is downloading the image.
      await own.fal.waitForRequest((r) => r.route === "result" && r.requestId === submit.requestId, 10_000);
      const made = (own.fal.jobs.get(submit.requestId!)!.result!.body as { images: { url: string }[] }).images[0]!.url;
      await own.fal.waitForArrival((a) => a.route === "cdn" && a.targetUrl === made, 10_000);
      expect((await ledgerOf(owner)).map((row) => row.status)).toEqual(["settled"]);
      expect(await refusalOf(nanoBanana("a second lighthouse", channelId, owner))).toBe(
        "Nothing was sent to the model. Please change this:\n• You already have 1 job running, the most allowed through your own install. Wait for one to finish.",
      );
      release();
      expect((await waitForFinal(own, first)).attachments).toHaveLength(1);
      await expect.poll(async () => (await storedJob(own, first)).state).toBe("delivered");
    } finally {
      release();
    }
    const again = nanoBanana("a second lighthouse, later", channelId, owner);
    expect((await waitForFinal(own, again)).attachments).toHaveLength(1);
  });
});

describe("where Discord keeps the replies private", () => {
  it("(the member lacks Use External Apps in a server that did not add the bot) the reply says so and the job is private", async () => {
    const withoutExternalApps = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
    const interaction = imagineHere({ prompt: "a quiet garden", channelId: h.discord.elsewhere.channelId, memberPermissions: withoutExternalApps });
    const final = await waitForFinal(h, interaction);
    expect(final.flags & 64).toBe(64);
    expect(textOf(final)).toMatch(/^-# Only you can see this: this server does not let members' own apps post publicly/);
    expect(final.attachments).toHaveLength(1);
    expect(await storedRow(interaction)).toMatchObject({ ephemeral: 1, tokenOnly: 1 });
  });
});
