// Issue 5 end to end, the admin side: /settings (Manage Server only, every kind of setting, invalid combinations
// refused) and /usage (a member's own day; for admins the last 30 days as a PNG chart whose numbers are the ledger's).
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser, InteractionResponseRecord, SimpleOption } from "../fakes/discord/index.js";
import { catalog } from "../../src/models/index.js";
import { nextUtcMidnight } from "../../src/usage/admission.js";
import { formatSpend } from "../../src/models/pricing.js";
import { renderUsageChart } from "../../src/usage/chart.js";
import { openDatabase } from "../../src/store/database.js";
import { createGenerationJobs } from "../../src/generation/job.js";
import { createLedgerRepository, utcDay } from "../../src/store/ledger.js";
import { startHarness, type Harness } from "./harness.js";
import { fieldsOf } from "./generation-helpers.js";


const isRegistration = (r: { method: string; route: string }) =>
  r.method === "PUT" && r.route === "/applications/:app/guilds/:guild/commands";

function settings(h: Harness, subcommand: string, options: Record<string, string | number | boolean> = {}, user?: FakeUser) {
  const list: SimpleOption[] = Object.entries(options).map(([name, value]) => ({ name, value }));
  return h.discord.dispatchSlashCommand({ name: "settings", subcommand, options: list, user: user ?? h.discord.users.owner });
}

/** Runs a /settings subcommand and returns its (immediate, ephemeral) answer. */
async function runSettings(h: Harness, subcommand: string, options: Record<string, string | number | boolean> = {}, user?: FakeUser) {
  const response = await settings(h, subcommand, options, user).response();
  expect(response.type).toBe(4);
  expect(response.data.flags & 64).toBe(64);
  return response;
}

const contentOf = (response: InteractionResponseRecord) => String(response.data?.content ?? "");

const defaults = {
  "Models turned on": "All models",
  "Default for /imagine": "Nano Banana — the bot's default",
  "Default for /edit": "Nano Banana (edit) — the bot's default",
  "Daily images per member": "No limit",
  Cooldown: "None",
  "Jobs running at once per member": "3",
  Budget: "No limit",
  Channels: "Every channel",
  "Premium needs": "No role: every member may use premium choices",
  "Flagged images outside NSFW channels": "Withheld",
  "Replies private by default": "No",
};

describe("/settings", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is registered for members with Manage Server; /usage is for everyone", () => {
    const payload = h.discord.requests.filter(isRegistration).at(-1)?.body as { name: string; default_member_permissions?: string | null }[];
    const byName = new Map(payload.map((command) => [command.name, command]));
    expect(byName.get("settings")).toMatchObject({ default_member_permissions: "32", contexts: [0], integration_types: [0] });
    expect(byName.get("usage")?.default_member_permissions ?? null).toBeNull();
    const registered = h.discord.commands(h.discord.guild.id).find((c) => c.name === "settings");
    expect(registered?.default_member_permissions).toBe("32");
    expect(registered?.options?.map((o) => o.name)).toEqual(["view", "set", "model", "channel", "premium_role", "contest_role", "reset"]);
  });

  it("refuses a member without Manage Server, and changes nothing", async () => {
    const { member } = h.discord.users;
    expect(BigInt(member.permissions) & 32n).toBe(0n);
    const refused = await runSettings(h, "set", { daily_image_quota: 5, cooldown_seconds: 60 }, member);
    expect(contentOf(refused)).toBe("Only members with Manage Server can change the bot's settings.");
    expect(refused.data.embeds ?? []).toHaveLength(0);
    for (const [subcommand, options] of [
      ["model", { model: "nano-banana-pro", enabled: false }],
      ["channel", { channel: h.discord.channels.art, allowed: true }],
      ["premium_role", { role: h.discord.roles.artist, required: true }],
      ["reset", {}],
    ] as const) {
      expect(contentOf(await runSettings(h, subcommand, options, member))).toMatch(/Only members with Manage Server/);
    }

    // Looking is not changing: whoever the server lets run /settings may view it.
    expect(fieldsOf(await runSettings(h, "view", {}, member))).toMatchObject(defaults);
    const view = await runSettings(h, "view");
    expect(fieldsOf(view)).toMatchObject(defaults);
    expect(await h.database.get("select count(*) as n from guild_settings")).toEqual({ n: 0 });
  });

  it("lets the owner change every kind of setting, and each answer shows the result", async () => {
    const { art, general } = h.discord.channels;
    const { artist } = h.discord.roles;

    const set = await runSettings(h, "set", {
      default_image_model: "nano-banana-2",
      default_edit_model: "firered-edit",
      daily_image_quota: 20,
      cooldown_seconds: 90,
      max_jobs_in_flight: 5,
      daily_budget_usd: 5,
      premium_count_above: 3,
      nsfw_policy: "spoiler",
      private_by_default: true,
    });
    expect(fieldsOf(set)).toMatchObject({
      "Default for /imagine": "Nano Banana 2",
      "Default for /edit": "FireRed Image Edit 1.1",
      "Daily images per member": "20",
      Cooldown: "1 minute 30 seconds",
      "Jobs running at once per member": "5",
      Budget: "$5.00 per day",
      "Flagged images outside NSFW channels": "Posted behind a spoiler",
      "Replies private by default": "Yes",
    });
    expect(fieldsOf(set)["Premium choices"]).toContain("more than 3 images at once");
    expect(contentOf(set)).toContain("Daily images per member: No limit → 20");
    expect(contentOf(set)).toContain("Budget: No limit → $5.00 per day");

    const off = await runSettings(h, "model", { model: "nano-banana-pro", enabled: false });
    const on = catalog.all().filter((m) => m.id !== "nano-banana-pro").map((m) => m.name);
    expect(fieldsOf(off)["Models turned on"]).toBe(on.join(", "));
    const backOn = await runSettings(h, "model", { model: "nano-banana-pro", enabled: true });
    expect(fieldsOf(backOn)["Models turned on"]).toBe("All models");

    await runSettings(h, "channel", { channel: art, allowed: true });
    const two = await runSettings(h, "channel", { channel: general, allowed: true });
    expect(fieldsOf(two).Channels).toBe(`<#${art}>, <#${general}>`);
    const one = await runSettings(h, "channel", { channel: art, allowed: false });
    expect(fieldsOf(one).Channels).toBe(`<#${general}>`);

    const role = await runSettings(h, "premium_role", { role: artist, required: true });
    expect(fieldsOf(role)["Premium needs"]).toBe(`<@&${artist}>`);
    // Mentions in the answer are display only: nothing is pinged.
    expect(role.data.allowed_mentions).toEqual({ parse: [], replied_user: false });

    // A moderator has Manage Server without being the owner.
    const cleared = await runSettings(h, "set", { daily_image_quota: 0, daily_budget_usd: 2.5 }, h.discord.users.moderator);
    expect(fieldsOf(cleared)).toMatchObject({ "Daily images per member": "No limit", Budget: "$2.50 per day" });
    expect(BigInt(h.discord.users.moderator.permissions) & 32n).toBe(32n);

    // Stored as the schema's JSON, and shown again by view.
    const row = (await h.database.get<{ settings_json: string; updated_by: string }>(
      "select settings_json, updated_by from guild_settings where guild_id = ?",
      h.discord.guild.id,
    ))!;
    expect(row.updated_by).toBe(h.discord.users.moderator.id);
    expect(JSON.parse(row.settings_json)).toMatchObject({
      enabledModels: null,
      defaultTextModel: "nano-banana-2",
      defaultEditModel: "firered-edit",
      dailyImageQuota: null,
      cooldownSeconds: 90,
      maxJobsInFlight: 5,
      dailyBudgetUsd: 2.5,
      allowedChannelIds: [general],
      premiumRoleIds: [artist],
      premiumCountAbove: 3,
      nsfwPolicy: "spoiler",
      privateByDefault: true,
    });
    const view = await runSettings(h, "view", {}, h.discord.users.moderator);
    expect(fieldsOf(view)).toMatchObject({ Channels: `<#${general}>`, "Premium needs": `<@&${artist}>`, Budget: "$2.50 per day" });

    const reset = await runSettings(h, "reset");
    expect(fieldsOf(reset)).toMatchObject(defaults);
  });

  it("refuses settings that do not fit together, and saves nothing", async () => {
    const expectRefused = async (subcommand: string, options: Record<string, string | number | boolean>, why: RegExp) => {
      const response = await runSettings(h, subcommand, options);
      expect(contentOf(response)).toMatch(/^Nothing was saved/);
      expect(contentOf(response)).toMatch(why);
      return response;
    };

    // The default model cannot be turned off.
    const defaultOff = await expectRefused("model", { model: "nano-banana", enabled: false }, /Nano Banana is the default for \/imagine/);
    expect(fieldsOf(defaultOff)["Models turned on"]).toBe("All models");

    // A turned-off model cannot become the default.
    await runSettings(h, "model", { model: "nano-banana-pro", enabled: false });
    await expectRefused("set", { default_image_model: "nano-banana-pro" }, /Nano Banana Pro is the default for \/imagine but would be turned off/);

    // The last model of a kind stays on.
    await runSettings(h, "model", { model: "gemini-25-flash-image", enabled: false });
    await runSettings(h, "set", { default_image_model: "nano-banana-2" });
    await runSettings(h, "model", { model: "nano-banana", enabled: false });
    await expectRefused("model", { model: "nano-banana-2", enabled: false }, /At least one model for \/imagine must stay on/);

    await expectRefused("premium_role", { role: h.discord.roles.everyone, required: true }, /Every member has @everyone/);
    await expectRefused("set", {}, /Pick at least one setting/);

    const off = new Set(["nano-banana-pro", "gemini-25-flash-image", "nano-banana"]);
    const view = await runSettings(h, "view");
    expect(fieldsOf(view)).toMatchObject({
      "Models turned on": catalog.all().filter((m) => !off.has(m.id)).map((m) => m.name).join(", "),
      "Default for /imagine": "Nano Banana 2",
      "Premium needs": defaults["Premium needs"],
    });

    // Not-a-change answers say so, and are not problems.
    const again = await runSettings(h, "model", { model: "nano-banana", enabled: false });
    expect(contentOf(again)).toBe("Nano Banana is already off.");
    const notListed = await runSettings(h, "channel", { channel: h.discord.channels.art, allowed: false });
    expect(contentOf(notListed)).toBe(`<#${h.discord.channels.art}> was not on the list.`);
    expect(fieldsOf(await runSettings(h, "reset"))).toMatchObject(defaults);
  });
});

interface Seed {
  user: "owner" | "member" | "other";
  modelId: string;
  daysAgo: number;
  images: number;
  usd: number;
  released?: boolean;
}

const DAY_MS = 86_400_000;

/** Writes finished jobs and their ledger rows through the bot's own repositories, while the bot is stopped. */
async function seedLedger(h: Harness, seeds: readonly Seed[]): Promise<void> {
  const db = await openDatabase(h.databaseTarget);
  const jobs = createGenerationJobs(db);
  const ledger = createLedgerRepository(db);
  const guildId = h.discord.guild.id;
  for (const [i, seed] of seeds.entries()) {
    const model = catalog.require(seed.modelId);
    const admitted = await ledger.admit({
      guildId,
      images: seed.images,
      usd: seed.usd,
      day: utcDay(Date.now() - seed.daysAgo * DAY_MS),
      decide: () => [],
      job: {
        ref: `SEED${String(i).padStart(2, "0")}`,
        modelId: model.id,
        endpoint: model.endpoint,
        request: { prompt: `seed ${i}` },
        input: { prompt: `seed ${i}` },
        requesterId: h.discord.users[seed.user].id,
        guildId,
        channelId: h.discord.channels.general,
        applicationId: h.discord.applicationId,
        interactionId: `seed-${i}`,
        interactionToken: `seed-token-${i}`,
        tokenExpiresAt: 0,
        ephemeral: false,
        channelNsfw: false,
        uploadLimit: 10 * 1024 * 1024,
        costEstimate: seed.usd,
      },
    });
    if (!admitted.ok) throw new Error(admitted.problems.join("; "));
    const id = admitted.job.id;
    if (seed.released) {
      await jobs.markFailed(id, { kind: "model", message: "seeded failure" });
    } else {
      await jobs.markSubmitted(id, `seed-request-${i}`, {});
      await jobs.markCompleted(id, { images: [] }, seed.usd, seed.images);
      await jobs.markDelivered(id);
    }
  }
  await db.destroy();
}

/** The ledger as SQL sees it, independent of the bot's code: spend per day and model name over the window. */
function ledgerFigures(h: Harness, fromDay: string) {
  return h.database.all<{ day: string; modelId: string; userId: string; images: number; usd: number }>(
    `select day, model_id as "modelId", user_id as "userId", images, usd from ledger where guild_id = ? and day >= ? and status != 'released'`,
    h.discord.guild.id,
    fromDay,
  );
}

describe("/usage", () => {
  let h: Harness;
  const today = utcDay(Date.now());
  const seeds: Seed[] = [
    // Today, as /imagine would have billed it: two count-2 Nano Banana jobs and one Nano Banana 2 image at 2K.
    { user: "member", modelId: "nano-banana", daysAgo: 0, images: 2, usd: 0.078 },
    { user: "member", modelId: "nano-banana", daysAgo: 0, images: 2, usd: 0.078 },
    { user: "other", modelId: "nano-banana-2", daysAgo: 0, images: 1, usd: 0.12 },
    // A failed job today costs nothing.
    { user: "member", modelId: "nano-banana-pro", daysAgo: 0, images: 4, usd: 0.6, released: true },
    { user: "owner", modelId: "nano-banana-pro", daysAgo: 3, images: 1, usd: 0.15 },
    // The first day of the window, and the day before it (left out).
    { user: "member", modelId: "firered-edit", daysAgo: 29, images: 1, usd: 0.034 },
    { user: "other", modelId: "nano-banana-pro", daysAgo: 30, images: 4, usd: 1.2 },
  ];

  beforeAll(async () => {
    h = await startHarness();
    await h.bot.stop();
    await seedLedger(h, seeds);
    await h.restart();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows an admin the last 30 days as a PNG chart, with the ledger's totals in text", async () => {
    const { owner, member, other } = h.discord.users;
    const interaction = h.discord.dispatchSlashCommand({ name: "usage", user: owner });
    const ack = await interaction.response();
    expect(ack.type).toBe(5);
    expect(ack.data.flags & 64).toBe(64);
    const reply = await interaction.waitForOriginal((m) => m.attachments.length > 0);
    expect(reply.flags & 64).toBe(64);

    expect(reply.attachments).toHaveLength(1);
    const attachment = reply.attachments[0]!;
    expect(attachment.filename).toBe("usage-30d.png");
    const meta = await sharp(attachment.data).metadata();
    expect(meta).toMatchObject({ format: "png", width: 1000, height: 500 });
    expect(reply.embeds[1]?.image?.url).toBe("attachment://usage-30d.png");

    // The ledger, read with plain SQL, in the chart's shape.
    const windowStart = utcDay(Date.now() - 29 * DAY_MS);
    const rows = await ledgerFigures(h, windowStart);
    const micros = (usd: number) => Math.round(usd * 1e6);
    const sum = (list: typeof rows) => list.reduce((total, r) => total + micros(r.usd), 0) / 1e6;
    const name = (id: string) => catalog.require(id).name;

    const server = fieldsOf(reply, 1);
    expect(server.Total).toBe(formatSpend(sum(rows)));
    expect(server.Total).toBe("$0.46");
    expect(server.Today).toBe(`${formatSpend(sum(rows.filter((r) => r.day === today)))} (no daily budget)`);
    expect(server.Today).toBe("$0.28 (no daily budget)");
    const modelIds = [...new Set(rows.map((r) => r.modelId))];
    const byModel = modelIds
      .map((id) => [name(id), sum(rows.filter((r) => r.modelId === id))] as const)
      .sort(([, a], [, b]) => b - a)
      .map(([model, usd]) => `${model}: ${formatSpend(usd)}`);
    expect(server["By model"]).toBe(byModel.join("\n"));
    expect(server["By model"]).toBe(["Nano Banana: $0.16", "Nano Banana Pro: $0.15", "Nano Banana 2: $0.12", "FireRed Image Edit 1.1: $0.03"].join("\n"));
    expect(server["Top members"]).toBe(
      [`1. <@${member.id}>: $0.19 · 5 images`, `2. <@${owner.id}>: $0.15 · 1 image`, `3. <@${other.id}>: $0.12 · 1 image`].join("\n"),
    );

    // The chart draws exactly those figures: the same PNG pixels as a chart rendered here from the SQL rows.
    const days = Array.from({ length: 30 }, (_, i) => utcDay(Date.now() - (29 - i) * DAY_MS));
    const expected = await renderUsageChart({
      title: "Server spend, last 30 days",
      days: days.map((day) => ({
        day,
        byModel: Object.fromEntries(modelIds.map((id) => [name(id), sum(rows.filter((r) => r.day === day && r.modelId === id))]).filter(([, usd]) => Number(usd) > 0)),
      })),
    });
    const pixels = async (png: Buffer) => sharp(png).raw().toBuffer();
    expect((await pixels(attachment.data)).equals(await pixels(expected))).toBe(true);

    // The admin's own day comes first.
    expect(reply.embeds[0]?.title).toBe("Your usage today");
    expect(fieldsOf(reply, 0)["Spent today"]).toBe("$0.00");
  });

  it("shows a member their own day, what is left and when it resets, without a chart", async () => {
    const { member } = h.discord.users;
    const plain = await h.discord.dispatchSlashCommand({ name: "usage", user: member }).response();
    expect(plain.type).toBe(4);
    expect(plain.data.flags & 64).toBe(64);
    expect(plain.data.embeds).toHaveLength(1);
    expect(plain.data.attachments ?? []).toHaveLength(0);
    expect(fieldsOf(plain)).toMatchObject({
      "Images today": "4 (no daily limit on this server)",
      "Spent today": "$0.16",
      "Jobs running": "0 of 3 at once",
    });

    await runSettings(h, "set", { daily_image_quota: 10 });
    const limited = await h.discord.dispatchSlashCommand({ name: "usage", user: member }).response();
    const fields = fieldsOf(limited);
    expect(fields["Images today"]).toBe("4 of 10 used · 6 left");
    expect(fields.Resets).toBe(`<t:${Math.ceil(nextUtcMidnight(Date.now()) / 1000)}:R> (midnight UTC)`);
    expect(JSON.stringify(limited.data)).not.toContain("Server spend");

    const other = fieldsOf(await h.discord.dispatchSlashCommand({ name: "usage", user: h.discord.users.other }).response());
    expect(other).toMatchObject({ "Images today": "1 of 10 used · 9 left", "Spent today": "$0.12" });
  });
});
