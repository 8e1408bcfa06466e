// Issue 16, faults at Discord, each provoked through the fake Discord: 429s (with retry_after) and 500s, 50027
// Invalid Webhook Token, 10008 Unknown Message and 50013 Missing Permissions on progress edits and on the result's
// edit, and 429s on the messages the bot creates. Whatever Discord answers, the job ends delivered, its result in
// exactly one message (the reply, or the member's direct messages where the reply cannot take it), and the ledger
// charges what fal billed — judged from the wire and the bot's database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordFault, HeldRequest, InteractionHandle, RecordedRequest } from "../fakes/discord/index.js";
import { buttonIds, imagine, interactionWrites, refOf, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJob } from "./job-records.js";
import { plainMember } from "./policy-helpers.js";
import { galleryOf, notesOf, textOf } from "./v2-message.js";

let h: Harness;
beforeAll(async () => {
  // Long enough at fal for a few progress edits, so a fault can land on one.
  h = await startHarness({ fal: { runMs: 1500 }, env: { PROGRESS_INTERVAL_MS: "300" } });
});
afterAll(async () => {
  await h?.close();
});

/** Edits through the interaction token: the result's (it uploads the image) or a progress edit (text only). */
const tokenEdit =
  (kind: "result" | "progress") =>
  (r: HeldRequest): boolean =>
    r.method === "PATCH" && r.path.startsWith("/webhooks/") && (kind === "result" ? r.files > 0 : r.files === 0);
/** A message created with the bot token (a direct message, or a post in a channel). */
const messageCreate = (r: HeldRequest): boolean => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path);

const unknownMessage: DiscordFault = { status: 404, code: 10008, message: "Unknown Message" };
const missingPermissions: DiscordFault = { status: 403, code: 50013, message: "Missing Permissions" };
const invalidToken: DiscordFault = { status: 401, code: 50027, message: "Invalid Webhook Token" };
const tooLarge: DiscordFault = { status: 413, code: 40005, message: "Request entity too large" };

interface Order {
  interaction: InteractionHandle;
  /** The member's direct messages before this job (the member may already have some from earlier cases). */
  dmsBefore: number;
}

/** A member orders an image; by default one Discord lets the bot send direct messages to. */
function order(prompt: string, options?: Record<string, string | boolean>, user = h.discord.users.member): Order {
  const dmsBefore = h.discord.directMessages(h.discord.users.member.id).length;
  return { interaction: imagine(h, { prompt, user, ...(options ? { options } : {}) }), dmsBefore };
}

interface Delivery {
  /** The message that carries the image. */
  message: { id: string; channel_id: string };
  /** The one successful write that carried it. */
  write: RecordedRequest;
}

/**
 * Waits until the job is delivered and checks what every case must hold: exactly one write carried the image and
 * succeeded, exactly one message shows it (with its embed and buttons), the member got no other direct message,
 * and the ledger settled what fal billed.
 */
async function deliveredOnce({ interaction, dmsBefore }: Order, where: "reply" | "direct message"): Promise<Delivery> {
  expect((await interaction.response()).type).toBe(5);
  const { ref } = await storedJob(h, interaction);
  await h.bot.waitForLog((l) => l.job === ref && l.msg === "delivered", 20_000);
  const dms = h.discord.directMessages(h.discord.users.member.id).slice(dmsBefore);
  const reply = interaction.original()!;
  const carrying = [reply, ...dms].filter((m) => !m.deleted && m.attachments.length > 0);
  expect(carrying).toHaveLength(1);
  const [message] = carrying;
  expect(galleryOf(message!).map((item) => item.name)).toEqual(message!.attachments.map((file) => file.filename));
  expect(buttonIds(message!)[0]).toBe(`job:1:reroll:${ref}`);
  if (where === "reply") {
    expect(message!.id).toBe(reply.id);
    expect(dms).toEqual([]);
  } else {
    expect(dms.map((m) => m.id)).toEqual([message!.id]);
  }
  const uploads = h.discord.requests.filter(
    (r) => r.kind === "http" && r.files.length > 0 && r.status === 200 && r.at >= interaction.dispatchedAt && carriedBy(r, message!, interaction),
  );
  expect(uploads).toHaveLength(1);
  const job = await storedJob(h, interaction);
  expect(job.state).toBe("delivered");
  expect(job.ledger).toBe("settled");
  expect(job.usd).toBeGreaterThan(0);
  return { message: message!, write: uploads[0]! };
}

/** Whether a write put files into this message: through the interaction token, by its id, or by creating it. */
function carriedBy(r: RecordedRequest, message: { id: string; channel_id: string }, interaction: InteractionHandle): boolean {
  return (
    r.path.includes(interaction.token) ||
    r.path.endsWith(`/channels/${message.channel_id}/messages/${message.id}`) ||
    (r.method === "POST" && r.path.endsWith(`/channels/${message.channel_id}/messages`) && (r.response as { id?: string }).id === message.id)
  );
}

/** The answers Discord gave the writes matching `route` for this interaction's job, in order. */
const statusesOf = (interaction: InteractionHandle, pred: (r: RecordedRequest) => boolean) =>
  interactionWrites(h, interaction)
    .filter(pred)
    .map((r) => r.status);

describe("faults at Discord on the result's edit", () => {
  const cases: [string, DiscordFault][] = [
    ["429 with retry_after 1 s", { rateLimited: 1 }],
    ["500", { status: 500 }],
  ];

  it.each(cases)("%s: retried, delivered once", async (name, fault) => {
    h.discord.failNext(tokenEdit("result"), fault);
    const ordered = order(`discord fault: ${name}`);
    await deliveredOnce(ordered, "reply");
    const writes = interactionWrites(h, ordered.interaction).filter((r) => r.files.length > 0);
    expect(writes.map((r) => r.status)).toEqual(["rateLimited" in fault ? 429 : 500, 200]);
    // The retry came no sooner than retry_after after the 429 was answered.
    const [first, retry] = writes;
    if ("rateLimited" in fault) expect(retry!.at - (first!.finishedAt ?? first!.at)).toBeGreaterThanOrEqual(fault.rateLimited * 1000);
  });

  it("50027 Invalid Webhook Token: the reply is edited with the bot token instead", async () => {
    h.discord.failNext(tokenEdit("result"), invalidToken);
    const ordered = order("discord fault: token invalid");
    const { write } = await deliveredOnce(ordered, "reply");
    expect(write).toMatchObject({ method: "PATCH", route: "/channels/:ch/messages/:id", headers: { authorization: "Bot ***" } });
    expect(statusesOf(ordered.interaction, (r) => r.files.length > 0)).toEqual([401]);
  });

  it("50027 on a private reply: the bot token cannot edit it, so the result goes by direct message", async () => {
    h.discord.failNext(tokenEdit("result"), invalidToken);
    const ordered = order("discord fault: token invalid, private", { private: true });
    const { write } = await deliveredOnce(ordered, "direct message");
    expect(write).toMatchObject({ method: "POST", route: "/channels/:ch/messages" });
  });

  it("10008 Unknown Message: the reply is gone, so the result goes by direct message", async () => {
    h.discord.failNext(tokenEdit("result"), unknownMessage);
    const ordered = order("discord fault: unknown message on the result");
    await deliveredOnce(ordered, "direct message");
    expect(statusesOf(ordered.interaction, (r) => r.files.length > 0)).toEqual([404]);
  });

  it("50013 Missing Permissions: the reply cannot take the result, so it goes by direct message", async () => {
    h.discord.failNext(tokenEdit("result"), missingPermissions);
    const ordered = order("discord fault: missing permissions on the result");
    await deliveredOnce(ordered, "direct message");
    expect(statusesOf(ordered.interaction, (r) => r.files.length > 0)).toEqual([403]);
  });
});

describe("40005 Request entity too large on the result's upload", () => {
  it("once: the images are fitted smaller and sent again, delivered once", async () => {
    h.discord.failNext(tokenEdit("result"), tooLarge);
    const ordered = order("discord fault: too large once");
    const { write } = await deliveredOnce(ordered, "reply");
    const uploads = interactionWrites(h, ordered.interaction).filter((r) => r.files.length > 0);
    expect(uploads.map((r) => r.status)).toEqual([413, 200]);
    expect(uploads[1]).toBe(write);
    expect(write.files[0]!.size).toBeLessThanOrEqual(uploads[0]!.files[0]!.size / 2);
    expect(notesOf(ordered.interaction.original()!)[0]).toMatch(/fit Discord's upload limit/);
  });

  it("again after fitting smaller: the member is told so in the reply, once, with Retry; fal's image stays charged", async () => {
    h.discord.failNext(tokenEdit("result"), tooLarge);
    h.discord.failNext(tokenEdit("result"), tooLarge);
    const ordered = order("discord fault: too large twice");
    const final = await waitForFinal(h, ordered.interaction, 20_000);
    expect(textOf(final)).toMatch(/^❌ The image was made, but Discord refused it as too large for this channel, even after the bot made it smaller\. Press Retry/);
    expect(final.attachments).toHaveLength(0);
    const job = await storedJob(h, ordered.interaction);
    expect(refOf(final)).toBe(job.ref);
    expect(buttonIds(final)).toEqual([`job:1:retry:${job.ref}`]);
    expect(statusesOf(ordered.interaction, (r) => r.files.length > 0)).toEqual([413, 413]);
    expect(h.discord.directMessages(h.discord.users.member.id)).toHaveLength(ordered.dmsBefore);
    expect(job.state).toBe("failed");
    // fal made (and billed) the image: the ledger keeps it.
    expect(job.ledger).toBe("settled");
    expect(job.usd).toBeGreaterThan(0);
  });
});

describe("faults at Discord on a progress edit", () => {
  it("50013 Missing Permissions: that edit is dropped, the job goes on and the result lands in the reply", async () => {
    h.discord.failNext(tokenEdit("progress"), missingPermissions);
    const ordered = order("discord fault: missing permissions on progress");
    await deliveredOnce(ordered, "reply");
    const edits = statusesOf(ordered.interaction, (r) => r.method === "PATCH");
    expect(edits[0]).toBe(403);
    expect(edits.at(-1)).toBe(200);
  });

  it("10008 Unknown Message: no more progress edits, and the result goes by direct message", async () => {
    h.discord.failNext(tokenEdit("progress"), unknownMessage);
    const ordered = order("discord fault: unknown message on progress");
    await deliveredOnce(ordered, "direct message");
    expect(statusesOf(ordered.interaction, (r) => r.method === "PATCH")).toEqual([404]);
  });
});

describe("faults at Discord on a message the bot creates (the direct message a gone reply falls back to)", () => {
  const cases: [string, DiscordFault, number][] = [
    ["429 with retry_after 1 s", { rateLimited: 1 }, 429],
    ["500", { status: 500 }, 500],
  ];

  it.each(cases)("%s: retried, one direct message", async (name, fault, status) => {
    h.discord.failNext(tokenEdit("result"), unknownMessage);
    h.discord.failNext(messageCreate, fault);
    const ordered = order(`discord fault: ${name} on the direct message`);
    const { message } = await deliveredOnce(ordered, "direct message");
    const posts = h.discord.requests.filter(
      (r) =>
        r.method === "POST" &&
        r.route === "/channels/:ch/messages" &&
        r.path.endsWith(`/channels/${message.channel_id}/messages`) &&
        r.at >= ordered.interaction.dispatchedAt,
    );
    expect(posts.map((r) => r.status)).toEqual([status, 200]);
    const [first, retry] = posts;
    if ("rateLimited" in fault) expect(retry!.at - (first!.finishedAt ?? first!.at)).toBeGreaterThanOrEqual(fault.rateLimited * 1000);
  });
});

describe("the gateway dropping in the middle of jobs", () => {
  const gatewayFrames = (from: number, pred: (r: RecordedRequest) => boolean) =>
    h.discord.requests.slice(from).filter((r) => r.kind === "gateway" && pred(r));

  /** Three members' jobs, acknowledged and at fal. */
  async function jobsInFlight(name: string): Promise<Order[]> {
    const orders = [1, 2, 3].map((i) => order(`gateway ${name}: job ${i}`, undefined, plainMember(h, `in-flight-${i}`)));
    for (const { interaction } of orders) expect((await interaction.response()).type).toBe(5);
    return orders;
  }

  const resumable: [string, (t: Harness) => void][] = [
    ["closed with 4000 Unknown error", (t) => t.discord.dropGateway({ closeCode: 4000 })],
    ["broken without a close frame", (t) => t.discord.dropGateway()],
    ["op 7 Reconnect", (t) => t.discord.requestGatewayReconnect()],
  ];

  it.each(resumable)(
    "%s: discord.js resumes; every job in flight, and one ordered while the bot was away, is delivered once",
    async (name, disconnect) => {
      const orders = await jobsInFlight(name);
      const from = h.discord.requests.length;
      disconnect(h);
      // The fake keeps this interaction for the resume; discord.js is back well within its 3 s.
      const whileAway = order(`gateway ${name}: ordered while away`, undefined, plainMember(h, "while-away"));
      const resumed = await h.discord.waitForRequest((r) => r.kind === "gateway" && r.t === "RESUMED" && h.discord.requests.indexOf(r) >= from, 10_000);
      const replayed = gatewayFrames(from, (r) => r.t === "INTERACTION_CREATE");
      expect(replayed.map((r) => (r.body as { d: { id: string } }).d.id)).toEqual([whileAway.interaction.id]);
      expect(replayed[0]!.at).toBeGreaterThanOrEqual(gatewayFrames(from, (r) => r.op === 6)[0]!.at);

      const ack = await whileAway.interaction.response();
      expect(ack.at).toBeGreaterThanOrEqual(resumed.at);
      expect(ack.at - whileAway.interaction.dispatchedAt).toBeLessThan(3000);
      for (const o of [...orders, whileAway]) await deliveredOnce(o, "reply");
      // Resumed, not started over: no new identify.
      expect(gatewayFrames(from, (r) => r.direction === "in" && r.op === 2)).toEqual([]);
    },
  );

  it("a session Discord forgot: the RESUME gets op 9, discord.js identifies anew; the jobs in flight are delivered once, new orders work", async () => {
    const orders = await jobsInFlight("forgotten session");
    const from = h.discord.requests.length;
    h.discord.dropGateway({ closeCode: 4000, resumable: false });
    await h.discord.waitForIdentify(15_000);
    expect(gatewayFrames(from, (r) => r.op === 6 || r.op === 9 || r.op === 2).map((r) => `${r.direction} ${r.op}`)).toEqual(["in 6", "out 9", "in 2"]);
    const after = order("gateway forgotten session: ordered after", undefined, plainMember(h, "after"));
    for (const o of [...orders, after]) await deliveredOnce(o, "reply");
  });
});
