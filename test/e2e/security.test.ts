// Issue 16, security, end to end: the bot downloads only from the hosts it may (fal's answer cannot point it at
// the private network or a stranger's server, not even through a redirect from the CDN); a result's buttons work only
// in the server the result was made in; two admins changing settings at the same moment both land.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonIds, falRequests, imagine, refOf, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";

let h: Harness;
/** A server on loopback that is not one of the bot's configured origins: nothing may reach it. */
const stranger = { base: "", hits: [] as string[], close: () => {} };
beforeAll(async () => {
  const server = createServer((req, res) => {
    stranger.hits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(16));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stranger.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stranger.close = () => server.close();
  h = await startHarness();
});
afterAll(async () => {
  stranger.close();
  await h?.close();
});

/** The job's state as the bot stored it. */
async function jobState(ref: string): Promise<string | undefined> {
  return (await h.database.get<{ state: string }>("SELECT state FROM jobs WHERE ref = ?", ref))?.state;
}

describe("downloads", () => {
  it.each([
    ["a cloud metadata address", () => "http://169.254.169.254/latest/meta-data/iam"],
    ["a server on loopback that is not a configured origin", () => `${stranger.base}/secret.png`],
    ["a host off the list", () => "https://images.example.com/result.png"],
  ])("a result linking to %s is not fetched: the job fails once, saying so with a ref", async (_what, url) => {
    h.fal.failNext({ kind: "output-url", url: url() });
    const interaction = imagine(h, { prompt: `a result from elsewhere ${_what}` });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(0);
    expect(textOf(final)).toMatch(/could not be downloaded/);
    const ref = refOf(final);
    const line = await h.bot.waitForLog((l) => l.job === ref && l.msg === "an output image could not be downloaded");
    expect(JSON.stringify(line)).toMatch(/not a host the bot downloads from|links are not downloaded/);
    expect(await jobState(ref)).toBe("failed");
    expect(stranger.hits).toEqual([]);
  });

  it("a redirect from fal's CDN to a host off the list is not followed", async () => {
    const moved = h.fal.upload(Buffer.alloc(16), "image/png");
    h.fal.redirectUrl(moved, `${stranger.base}/redirected.png`);
    h.fal.failNext({ kind: "output-url", url: moved });
    const interaction = imagine(h, { prompt: "a result that moved" });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(0);
    const ref = refOf(final);
    expect(await jobState(ref)).toBe("failed");
    expect(h.fal.requests.filter((r) => r.route === "cdn" && r.targetUrl.endsWith(new URL(moved).pathname)).map((r) => r.status)).toEqual([302]);
    expect(stranger.hits).toEqual([]);
  });
});

describe("buttons", () => {
  it("a result's buttons pressed from another server are refused privately: nothing reaches fal, nothing is deleted", async () => {
    const result = await waitForFinal(h, imagine(h, { prompt: "a harbour at dawn" }));
    const ids = buttonIds(result);
    // The actions on the image (Upscale, Vary, Zoom out, Pan) are refused the same way.
    expect(ids.map((id) => id.split(":")[2])).toEqual([
      "reroll",
      "edit",
      "delete",
      // Make asset (assets' own button, in the first row).
      "make",
      ...["upscale2k", "upscale4k", "vary-subtle", "vary-strong", "zoom15", "zoom2", "pan-left", "pan-right", "pan-up", "pan-down"],
    ]);
    const submits = falRequests(h, "submit").length;
    // The other server's owner: every permission there (Manage Messages included), none here.
    const stranger = h.discord.secondGuild.users.owner;
    for (const customId of ids) {
      const press = h.discord.clickButton({ message: result, customId, user: stranger, channelId: h.discord.secondGuild.channels.lobby });
      const response = await press.response();
      expect(response.type, customId).toBe(4);
      expect(response.data.flags & 64, customId).toBe(64);
      expect(response.data.content, customId).toMatch(/another server/);
    }
    expect(falRequests(h, "submit")).toHaveLength(submits);
    expect(result.deleted).toBe(false);

    // A moderator of this server, not the requester, may delete it.
    const deletion = h.discord.clickButton({ message: result, customId: ids[2]!, user: h.discord.users.moderator });
    expect((await deletion.response()).type).toBe(6);
    await h.discord.waitForRequest((r) => r.method === "DELETE" && r.path.endsWith(`/messages/${result.id}`));
    expect(result.deleted).toBe(true);
  });
});

describe("settings", () => {
  it("two admins changing different settings at the same moment both land", async () => {
    const guildId = h.discord.guild.id;
    // Both dispatched before either is answered.
    const quota = h.discord.dispatchSlashCommand({ name: "settings", subcommand: "set", options: [{ name: "daily_image_quota", value: 40 }], user: h.discord.users.owner });
    const cooldown = h.discord.dispatchSlashCommand({ name: "settings", subcommand: "set", options: [{ name: "cooldown_seconds", value: 1 }], user: h.discord.users.moderator });
    const answers = await Promise.all([quota.response(), cooldown.response()]);
    for (const answer of answers) expect(String(answer.data.content)).toMatch(/^Saved/);
    const row = await h.database.get<{ settings_json: string }>("SELECT settings_json FROM guild_settings WHERE guild_id = ?", guildId);
    expect(JSON.parse(row!.settings_json)).toMatchObject({ dailyImageQuota: 40, cooldownSeconds: 1 });
    const view = await h.discord.dispatchSlashCommand({ name: "settings", subcommand: "view", user: h.discord.users.owner }).response();
    const fields = Object.fromEntries((view.data.embeds[0].fields as { name: string; value: string }[]).map((f) => [f.name, f.value]));
    expect(fields["Daily images per member"]).toMatch(/40/);
    expect(fields.Cooldown).toMatch(/1 second/);
  });
});
