// Issue 5 end to end, the member side: every /settings value changes what /imagine and /edit do, and every limit
// refuses before the defer with its own ephemeral message while fal sees nothing of the refused request.
// (Who may change settings, and how the command is registered, is in settings-usage.test.ts.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  edit,
  falRequests,
  hostImage,
  imagine,
  interactionWrites,
  submitBody,
  waitForFinal,
} from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import {
  changeSettings,
  expectNoSubmitSince,
  expectRefused,
  guildSpendToday,
  lastJobCreatedAt,
  plainMember,
  resetsTag,
  submittedPrompts,
  waitForArrivals,
} from "./policy-helpers.js";
import { utcDay } from "../../src/store/ledger.js";
import { factsOf, galleryOf } from "./v2-message.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fal: { queueMs: 20, runMs: 60 } });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await changeSettings(h, "reset");
});

/** The endpoint the submit with this prompt went to. */
function endpointOf(prompt: string): string | undefined {
  return falRequests(h, "submit").find((r) => submitBody(r).prompt === prompt)?.endpoint;
}

describe("models", () => {
  it("refuses a model the server turned off, and allows it again once turned on", async () => {
    const user = plainMember(h, "models");
    await changeSettings(h, "model", { model: "nano-banana-2", enabled: false });
    await changeSettings(h, "model", { model: "nano-banana-2-edit", enabled: false });

    const since = h.fal.requests.length;
    await expectRefused(
      imagine(h, { prompt: "turned off", options: { model: "nano-banana-2" }, user }),
      "Nano Banana 2 is turned off on this server. Pick another model, or ask a server admin to enable it.",
    );
    await expectRefused(
      edit(h, { prompt: "turned off too", images: [await hostImage(h)], options: { model: "nano-banana-2-edit" }, user }),
      "Nano Banana 2 (edit) is turned off on this server. Pick another model, or ask a server admin to enable it.",
    );
    // Other models still work, and are the only thing fal saw.
    await expectNoSubmitSince(h, since, user, "a model that is on");

    await changeSettings(h, "model", { model: "nano-banana-2", enabled: true });
    const again = imagine(h, { prompt: "turned on again", options: { model: "nano-banana-2" }, user });
    expect((await waitForFinal(h, again)).attachments).toHaveLength(1);
    expect(endpointOf("turned on again")).toBe("fal-ai/nano-banana-2");
  });

  it("uses the server's default models for /imagine and /edit when the member picks none", async () => {
    const user = plainMember(h, "defaults");
    const run = async (prompt: string, kind: "imagine" | "edit", model?: string) => {
      const options: Record<string, string> = model ? { model } : {};
      const interaction =
        kind === "imagine" ? imagine(h, { prompt, options, user }) : edit(h, { prompt, options, images: [await hostImage(h)], user });
      expect((await waitForFinal(h, interaction)).attachments).toHaveLength(1);
      return endpointOf(prompt);
    };
    expect(await run("default before", "imagine")).toBe("fal-ai/nano-banana");
    expect(await run("edit default before", "edit")).toBe("fal-ai/nano-banana/edit");

    await changeSettings(h, "set", { default_image_model: "nano-banana-2", default_edit_model: "firered-edit" });
    expect(await run("default after", "imagine")).toBe("fal-ai/nano-banana-2");
    expect(await run("edit default after", "edit")).toBe("fal-ai/firered-image-edit-v1.1");
    // The member's own choice still wins.
    expect(await run("chosen model", "imagine", "gemini-25-flash-image")).toBe("fal-ai/gemini-25-flash-image");
  });
});

describe("limits", () => {
  it("holds each member to the daily image quota, including a count larger than what is left", async () => {
    const user = plainMember(h, "quota");
    await changeSettings(h, "set", { daily_image_quota: 3 });

    expect((await waitForFinal(h, imagine(h, { prompt: "quota 1+2", options: { count: 2 }, user }))).attachments).toHaveLength(2);
    const since = h.fal.requests.length;
    await expectRefused(
      imagine(h, { prompt: "quota too many", options: { count: 2 }, user }),
      `You have 1 of your 3 images left today and asked for 2; ask for fewer, or wait until it resets ${resetsTag()}.`,
    );
    expect((await waitForFinal(h, imagine(h, { prompt: "quota last one", options: { count: 1 }, user }))).attachments).toHaveLength(1);
    const afterLast = h.fal.requests.length;
    await expectRefused(
      imagine(h, { prompt: "quota used up", user }),
      `You have used 3 of your 3 images today; it resets ${resetsTag()}.`,
    );
    expect(submittedPrompts(h, since)).toEqual(["quota last one"]);
    // The quota is per member: somebody else still may.
    await expectNoSubmitSince(h, afterLast, plainMember(h, "quota-neighbour"), "another member's quota");

    // No quota (0): the member is free again.
    await changeSettings(h, "set", { daily_image_quota: 0 });
    expect((await waitForFinal(h, imagine(h, { prompt: "quota lifted", user }))).attachments).toHaveLength(1);
  });

  it("makes a member wait out the cooldown after a job", async () => {
    const user = plainMember(h, "cooldown");
    await changeSettings(h, "set", { cooldown_seconds: 600 });

    const first = imagine(h, { prompt: "cooldown first", user });
    expect((await first.response()).type).toBe(5);
    const readyAt = await lastJobCreatedAt(h, user.id) + 600_000;
    await h.fal.waitForRequest((r) => r.route === "submit" && submitBody(r).prompt === "cooldown first");
    const since = h.fal.requests.length;
    await expectRefused(
      imagine(h, { prompt: "cooldown too soon", user }),
      `Please wait a little: you can start another job <t:${Math.ceil(readyAt / 1000)}:R>.`,
    );
    await waitForFinal(h, first);
    // Finishing the job does not end the cooldown.
    await expectRefused(
      imagine(h, { prompt: "cooldown still too soon", user }),
      `Please wait a little: you can start another job <t:${Math.ceil(readyAt / 1000)}:R>.`,
    );
    // The cooldown is per member.
    await expectNoSubmitSince(h, since, plainMember(h, "cooldown-neighbour"), "another member's cooldown");

    await changeSettings(h, "set", { cooldown_seconds: 0 });
    expect((await waitForFinal(h, imagine(h, { prompt: "cooldown over", user }))).attachments).toHaveLength(1);
  });

  it("refuses a job beyond the most a member may have in flight, until one finishes", async () => {
    const user = plainMember(h, "inflight");
    await changeSettings(h, "set", { max_jobs_in_flight: 2 });

    // fal finishes both jobs, but their images cannot be fetched yet: they stay in flight.
    const arrivalsBefore = h.fal.arrivals.length;
    const release = h.fal.holdCdn();
    let released = false;
    try {
      const running = [imagine(h, { prompt: "in flight 1", user }), imagine(h, { prompt: "in flight 2", user })];
      for (const interaction of running) expect((await interaction.response()).type).toBe(5);
      await waitForArrivals(h, "cdn", 2, arrivalsBefore);

      const since = h.fal.requests.length;
      await expectRefused(
        imagine(h, { prompt: "in flight 3", user }),
        "You already have 2 jobs running, the most this server allows. Wait for one to finish.",
      );
      // Another member is not held back by this one's jobs.
      const neighbour = imagine(h, { prompt: "another member's job", user: plainMember(h, "inflight-neighbour") });
      expect((await neighbour.response()).type).toBe(5);
      await h.fal.waitForRequest((r) => r.route === "submit" && submitBody(r).prompt === "another member's job");
      expect(submittedPrompts(h, since)).toEqual(["another member's job"]);

      release();
      released = true;
      for (const interaction of [...running, neighbour]) expect((await waitForFinal(h, interaction)).attachments).toHaveLength(1);
    } finally {
      if (!released) release();
    }
    expect((await waitForFinal(h, imagine(h, { prompt: "in flight again", user }))).attachments).toHaveLength(1);
    expect(submittedPrompts(h).filter((p) => p.startsWith("in flight")).sort()).toEqual(["in flight 1", "in flight 2", "in flight again"]);
  });

  it("refuses a job that would take the server past its daily budget, and says when it is spent", async () => {
    const user = plainMember(h, "budget");
    const day = utcDay(Date.now());
    // Whatever the earlier tests spent today, leave $0.05: a $0.039 image fits, an $0.08 one does not.
    await changeSettings(h, "set", { daily_budget_usd: await guildSpendToday(h, day) + 0.05 });

    const since = h.fal.requests.length;
    const overLeft = `This would go over what is left of the server's daily budget; try a cheaper model or fewer images, or wait until it resets ${resetsTag()}.`;
    await expectRefused(imagine(h, { prompt: "budget too dear", options: { model: "nano-banana-2" }, user }), overLeft);
    expect((await waitForFinal(h, imagine(h, { prompt: "budget fits", user }))).attachments).toHaveLength(1);
    await expectRefused(imagine(h, { prompt: "budget no longer fits", user: plainMember(h, "budget-2") }), overLeft);

    // Exactly what was spent: the budget is spent.
    await changeSettings(h, "set", { daily_budget_usd: await guildSpendToday(h, day) });
    await expectRefused(imagine(h, { prompt: "budget spent", user }), `The server's daily budget is spent; it resets ${resetsTag()}.`);
    expect(submittedPrompts(h, since)).toEqual(["budget fits"]);

    // No budget (0): allowed again, and that job is the only other one fal saw.
    const afterFits = h.fal.requests.length;
    await changeSettings(h, "set", { daily_budget_usd: 0 });
    await expectNoSubmitSince(h, afterFits, user, "budget lifted");
  });
});

describe("where and who", () => {
  it("answers only in the allowed channels, naming them", async () => {
    const { art, general, nsfw } = h.discord.channels;
    const user = plainMember(h, "channels");
    await changeSettings(h, "channel", { channel: art, allowed: true });

    const since = h.fal.requests.length;
    const useArt = `The bot is not used in this channel on this server. Use <#${art}> for this.`;
    await expectRefused(imagine(h, { prompt: "wrong channel", channelId: general, user }), useArt);
    await expectRefused(edit(h, { prompt: "wrong channel edit", images: [await hostImage(h)], channelId: nsfw, user }), useArt);

    const right = imagine(h, { prompt: "right channel", channelId: art, user });
    const final = await waitForFinal(h, right);
    expect(final.channel_id).toBe(art);
    expect(final.attachments).toHaveLength(1);
    expect(submittedPrompts(h, since)).toEqual(["right channel"]);
  });

  it("keeps premium choices for the premium role, members with it, and members with Manage Server", async () => {
    const { artist } = h.discord.roles;
    const { member, moderator } = h.discord.users;
    const user = plainMember(h, "premium");
    expect(member.roles).toContain(artist);
    expect(moderator.roles).not.toContain(artist);
    expect(BigInt(moderator.permissions) & 32n).toBe(32n);
    await changeSettings(h, "premium_role", { role: artist, required: true });

    const since = h.fal.requests.length;
    const needs = (choice: string) => `${choice} needs the <@&${artist}> role.`;
    await expectRefused(imagine(h, { prompt: "premium pro", options: { model: "nano-banana-pro" }, user }), needs("Nano Banana Pro"));
    await expectRefused(
      imagine(h, { prompt: "premium 4k", options: { model: "nano-banana-2", resolution: "4K" }, user }),
      needs("The 4K resolution"),
    );
    await expectRefused(imagine(h, { prompt: "premium three", options: { count: 3 }, user }), needs("More than 2 images at once"));
    await expectRefused(
      imagine(h, { prompt: "premium all", options: { model: "nano-banana-pro", resolution: "2K", count: 4 }, user }),
      needs("Nano Banana Pro"),
      needs("The 2K resolution"),
      needs("More than 2 images at once"),
    );
    // Non-premium choices stay open to everyone.
    await expectNoSubmitSince(h, since, user, "premium not needed");

    const withRole = imagine(h, { prompt: "premium with the role", options: { model: "nano-banana-pro", resolution: "4K" }, user: member });
    const admin = imagine(h, { prompt: "premium as admin", options: { model: "nano-banana-2", resolution: "4K", count: 3 }, user: moderator });
    expect((await waitForFinal(h, withRole)).attachments).toHaveLength(1);
    expect((await waitForFinal(h, admin)).attachments).toHaveLength(3);
    expect(endpointOf("premium with the role")).toBe("fal-ai/nano-banana-pro");

    // The threshold is a setting too.
    await changeSettings(h, "set", { premium_count_above: 3 });
    expect((await waitForFinal(h, imagine(h, { prompt: "three is fine now", options: { count: 3 }, user }))).attachments).toHaveLength(3);
    await expectRefused(imagine(h, { prompt: "four is not", options: { count: 4 }, user }), needs("More than 3 images at once"));
    expect(submittedPrompts(h, since).sort()).toEqual(
      ["premium not needed", "premium with the role", "premium as admin", "three is fine now"].sort(),
    );
  });
});

describe("delivery", () => {
  it("puts images the model flagged behind a spoiler when the server chose spoilers", async () => {
    const user = plainMember(h, "spoiler");
    const flagged = async (prompt: string) => {
      h.fal.failNext({ kind: "nsfw" });
      const interaction = edit(h, { prompt, images: [await hostImage(h)], options: { model: "firered-edit" }, user });
      return { interaction, final: await waitForFinal(h, interaction) };
    };
    // The default withholds it (see generation.test.ts) …
    expect((await flagged("a beach, withheld")).final.attachments).toHaveLength(0);

    // … the spoiler policy posts it, blurred until clicked.
    await changeSettings(h, "set", { nsfw_policy: "spoiler" });
    const { interaction, final } = await flagged("a beach, behind a spoiler");
    expect(final.channel_id).toBe(h.discord.channels.general);
    expect(final.attachments).toHaveLength(1);
    expect(final.attachments[0]!.filename).toMatch(/^SPOILER_firered-edit-/);
    const uploaded = interactionWrites(h, interaction).flatMap((r) => r.files);
    expect(uploaded.map((f) => f.filename)).toEqual([final.attachments[0]!.filename]);
    expect(factsOf(final)).not.toHaveProperty("Withheld");
    expect(galleryOf(final)).toEqual([expect.objectContaining({ name: final.attachments[0]!.filename, spoiler: true })]);

    // An unflagged image is not hidden.
    const plain = await waitForFinal(h, edit(h, { prompt: "a beach, fine", images: [await hostImage(h)], options: { model: "firered-edit" }, user }));
    expect(plain.attachments[0]!.filename).toMatch(/^firered-edit-/);
  });

  it("makes replies private by default when the server says so, unless the member chooses otherwise", async () => {
    const user = plainMember(h, "private");
    const deferFlags = async (prompt: string, options: Record<string, boolean> = {}) => {
      const interaction = imagine(h, { prompt, options, user });
      const response = await interaction.response();
      expect(response.type).toBe(5);
      const final = await waitForFinal(h, interaction);
      expect(final.attachments).toHaveLength(1);
      expect(final.flags & 64).toBe(response.data?.flags & 64);
      return (response.data?.flags ?? 0) & 64;
    };
    expect(await deferFlags("public by default")).toBe(0);

    await changeSettings(h, "set", { private_by_default: true });
    expect(await deferFlags("private by default")).toBe(64);
    expect(await deferFlags("chose public", { private: false })).toBe(0);
    expect(await deferFlags("chose private", { private: true })).toBe(64);
  });
});
