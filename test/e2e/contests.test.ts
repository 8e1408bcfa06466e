// Issue 6 end to end: prompt contests through the fakes, with short real phase windows. Every wait is on a
// record or a log line (the phase changes log "contest voting opened" / "contest results posted").
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage } from "../fakes/discord/index.js";
import {
  contest,
  createContest,
  deferredText,
  entryMessages,
  enterByCommand,
  ephemeralText,
  logCount,
  vote,
  voteButton,
  waitForLog,
} from "./contest-helpers.js";
import { buttonIds, imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const resultsMessages = (harness: Harness) =>
  harness.discord.messages(harness.discord.channels.art).filter((m) => m.embeds[0]?.title?.startsWith("Results"));

/** A copy of a message as a member's client still shows it (with buttons the bot has since removed). */
const staleCopy = (message: FakeMessage, components = message.components): FakeMessage => ({ ...message, components: structuredClone(components) });

describe("a prompt contest", () => {
  it("runs from the announcement through entries (command, result button) and votes to the results with a collage", async () => {
    h = await startHarness();
    const { owner, moderator, member, other } = h.discord.users;
    const { art } = h.discord.channels;
    const id = await createContest(h, { submission: "8s", voting: "4s" });

    const [announcement] = h.discord.messages(art);
    expect(announcement?.embeds[0]?.title).toBe("🏆 Prompt contest: cats in space");
    const fields = announcement!.embeds[0]!.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(["Submissions close", "Voting ends"]);
    for (const field of fields) expect(field.value).toMatch(/^<t:\d+:F> \(<t:\d+:R>\)$/);
    expect(announcement!.embeds[0]!.description).toContain("1 entry per member");

    // An earlier result of the member's, entered with its button (only by its maker).
    const made = imagine(h, { prompt: "a cat astronaut" });
    const result = await waitForFinal(h, made);
    const submit = buttonIds(result).find((custom) => custom.startsWith(`contest:1:submit:${id}:`));
    expect(submit).toBeDefined();
    expect(await ephemeralText(h.discord.clickButton({ message: result, customId: submit!, user: other }))).toMatch(/Only the member who made this image/);
    const submitted = h.discord.clickButton({ message: result, customId: submit!, user: member });
    expect(await deferredText(submitted)).toMatch(/^Your image is entry #\d+ in the contest <#\d+>\.$/);
    const memberEntry = Number((await waitForLog(h, "contest entry added", { user: member.id })).entry);

    // Two entries made inside the contest.
    const [otherEntry, moderatorEntry] = await Promise.all([
      enterByCommand(h, other, "a cat on the moon"),
      enterByCommand(h, moderator, "a kitten in a space suit"),
    ]);
    for (const entry of [memberEntry, otherEntry, moderatorEntry]) await waitForLog(h, "contest entry posted", { entry });
    // The links stored when the entries were posted are signed and expire after a day: make them dead, so the
    // collage must take each image from its entry message as Discord serves it now.
    for (const row of await h.database.all<{ id: number; image_url: string }>("select id, image_url from contest_entries")) {
      await h.database.run("update contest_entries set image_url = ? where id = ?", new URL(`/expired/${row.id}.png`, row.image_url).href, row.id);
    }
    const entries = entryMessages(h);
    expect([...entries.keys()].sort()).toEqual([memberEntry, otherEntry, moderatorEntry].sort());
    for (const message of entries.values()) {
      expect(message.attachments).toHaveLength(1);
      // The image was re-uploaded to Discord, not linked from fal's CDN.
      expect(message.embeds[0]?.image?.url).toMatch(/^attachment:\/\//);
      expect(buttonIds(message)).toEqual([]);
    }

    await waitForLog(h, "contest voting opened", { contest: id });
    const voting = entryMessages(h);
    expect(await vote(h, voting.get(otherEntry)!, owner)).toMatch(/Your vote for entry #\d+ is in/);
    expect(await vote(h, voting.get(otherEntry)!, member)).toMatch(/is in/);
    expect(await vote(h, voting.get(memberEntry)!, moderator)).toMatch(/is in/);

    await waitForLog(h, "contest results posted", { contest: id });
    const [results] = resultsMessages(h);
    expect(results).toBeDefined();
    expect(results!.content).toContain(`Congratulations <@${other.id}>`);
    expect(results!.allowed_mentions).toMatchObject({ parse: [], users: [other.id, member.id] });
    expect([...results!.mentions].sort()).toEqual([other.id, member.id].sort());
    const board = results!.embeds[0]!.description!.split("\n");
    expect(board[0]).toBe(`🥇 <@${other.id}> — entry #${otherEntry}, 2 votes`);
    expect(board[1]).toBe(`🥈 <@${member.id}> — entry #${memberEntry}, 1 vote`);
    expect(board[2]).toBe(`**3.** <@${moderator.id}> — entry #${moderatorEntry}, 0 votes`);
    const [collage] = results!.attachments;
    expect(collage?.filename).toBe("contest-results.png");
    const meta = await sharp(collage!.data).metadata();
    expect(meta).toMatchObject({ format: "png", width: 3 * 512 + 4 * 12, height: 512 + 2 * 12 });
    // Each tile is the entry's image (fal's fake draws an orange square in the middle), not the grey placeholder;
    // within a few levels, since Nano Banana's images come as JPEG.
    const { data: pixels, info } = await sharp(collage!.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    for (let tile = 0; tile < 3; tile++) {
      const at = (268 * info.width + 12 + tile * (512 + 12) + 256) * info.channels;
      const offBy = [...pixels.subarray(at, at + 3)].map((level, i) => Math.abs(level - [240, 160, 40][i]!));
      expect(Math.max(...offBy), `tile ${tile + 1}: ${[...pixels.subarray(at, at + 3)].join(", ")}`).toBeLessThanOrEqual(4);
    }
    // Voting closed: the buttons are gone.
    for (const message of entryMessages(h).values()) expect(buttonIds(message)).toEqual([]);
  });
});

describe("an entry over Discord's upload limit", () => {
  it("is re-encoded to fit before it is posted in the contest channel", async () => {
    h = await startHarness();
    const { member } = h.discord.users;
    await createContest(h, { submission: "1h", voting: "1h" });
    // A ~12 MiB noise PNG from fal; the fake Discord takes at most 10 MiB a file.
    h.fal.failNext({ kind: "large-output" });
    const entry = await enterByCommand(h, member, "a very detailed cat", {}, 45_000);
    // Posted, or (when the upload is refused) the bot says it could not post it.
    const outcome = await h.bot.waitForLog((l) => l.entry === entry && /^(contest entry posted|could not post a contest entry)/.test(l.msg), 20_000);
    expect(outcome.msg).toBe("contest entry posted");
    const message = entryMessages(h).get(entry)!;
    expect(message.attachments).toHaveLength(1);
    const [file] = message.attachments;
    expect(file!.data.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(file!.filename).toBe(`entry-${entry}.webp`);
    expect(message.embeds[0]?.image?.url).toBe(`attachment://entry-${entry}.webp`);
    expect((await sharp(file!.data).metadata()).format).toBe("webp");
  }, 60_000);
});

describe("contest rules", () => {
  it("refuses a second entry, a self-vote, a vote over the cap, votes and entries out of phase; a vote toggles; only moderators create, end or cancel", async () => {
    h = await startHarness();
    const { owner, moderator, member, other } = h.discord.users;

    // Members without Manage Server (or a contest role) cannot create, end or cancel.
    for (const sub of ["create", "end", "cancel"]) {
      const options: Record<string, string> = sub === "create" ? { theme: "x", channel: h.discord.channels.art, submission: "1h", voting: "1h" } : {};
      expect(await ephemeralText(contest(h, sub, options, member))).toMatch(/^Only members with Manage Server can/);
    }
    expect(h.discord.messages(h.discord.channels.art)).toEqual([]);

    const id = await createContest(h, { submission: "6s", voting: "1h", votes_per_member: 1 }, moderator);
    expect(await ephemeralText(contest(h, "end", {}, other))).toMatch(/^Only members with Manage Server can end contests/);
    expect(await ephemeralText(contest(h, "cancel", {}, other))).toMatch(/^Only members with Manage Server can cancel contests/);

    const memberEntry = await enterByCommand(h, member, "a cat astronaut");
    expect(await ephemeralText(contest(h, "enter", { prompt: "another cat" }, member))).toMatch(/You already have 1 entry in this contest/);
    const otherEntry = await enterByCommand(h, other, "a cat on the moon");
    const status = await contest(h, "status", {}, member).response();
    expect(status.data.embeds[0].fields).toEqual(expect.arrayContaining([{ name: "Your entries", value: `#${memberEntry} (approved)`, inline: true }]));

    await waitForLog(h, "contest voting opened", { contest: id });
    expect(await ephemeralText(contest(h, "enter", { prompt: "too late" }, moderator))).toMatch(/^Entries for "cats in space" closed/);
    const entries = entryMessages(h);
    const mine = entries.get(memberEntry)!;
    const theirs = entries.get(otherEntry)!;

    expect(await vote(h, mine, member)).toBe("You cannot vote for your own entry.");
    expect(await vote(h, mine, moderator)).toBe(`Your vote for entry #${memberEntry} is in. You have used 1 of your 1 vote. Press Vote again to take it back.`);
    expect(await vote(h, theirs, moderator)).toMatch(/^You have used all 1 of your votes\. To vote for entry #\d+, take one back first/);
    expect(await vote(h, mine, moderator)).toBe(`Your vote for entry #${memberEntry} was taken back. You have used 0 of your 1 vote.`);
    expect(await vote(h, theirs, moderator)).toMatch(/is in/);
    expect(await vote(h, mine, owner)).toMatch(/is in/);
    expect(await h.database.all("select entry_id, user_id from contest_votes order by user_id")).toEqual(
      [
        { entry_id: otherEntry, user_id: moderator.id },
        { entry_id: memberEntry, user_id: owner.id },
      ].sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );

    const stale = staleCopy(mine);
    expect(await deferredText(contest(h, "end", {}, moderator), /is over/)).toMatch(/^Contest #\d+ is over; the results are in/);
    await waitForLog(h, "contest results posted", { contest: id });
    // A tie (1–1) goes to the earlier entry.
    expect(resultsMessages(h)[0]!.embeds[0]!.description!.split("\n")[0]).toBe(`🥇 <@${member.id}> — entry #${memberEntry}, 1 vote`);
    expect(await vote(h, stale, other, voteButton(stale))).toMatch(/^Voting is over/);
    expect(await ephemeralText(contest(h, "cancel", {}, owner))).toBe("There is no contest under way to cancel.");
  });

  it("with approval on, a rejected entry is not shown or votable and its author is told; a contest role lets a member moderate", async () => {
    h = await startHarness();
    const { owner, moderator, member, other } = h.discord.users;
    await h.discord.dispatchSlashCommand({
      name: "settings",
      subcommand: "contest_role",
      options: [
        { name: "role", value: h.discord.roles.artist },
        { name: "required", value: true },
      ],
      user: owner,
    }).response();
    // The member has the Artist role, now a contest role: they may create (and review).
    const id = await createContest(h, { submission: "6s", voting: "1h", approval: true }, member);

    const otherEntry = await enterByCommand(h, other, "a cat on the moon");
    const moderatorEntry = await enterByCommand(h, moderator, "a kitten in a space suit");
    expect(entryMessages(h).size).toBe(0);

    const review = contest(h, "review", {}, member);
    const list = await review.response();
    expect(list.data.flags & 64).toBe(64);
    expect(list.data.content).toMatch(/^2 entries are waiting for review/);
    const card = review.original()!;
    expect(await ephemeralText(h.discord.clickButton({ message: card, customId: `contest:1:approve:${otherEntry}`, user: other }))).toMatch(/^Only members with Manage Server or the <@&\d+> role can review/);
    expect(await deferredText(h.discord.clickButton({ message: card, customId: `contest:1:reject:${moderatorEntry}`, user: member }))).toMatch(/rejected; its author was told/);
    expect(await deferredText(h.discord.clickButton({ message: card, customId: `contest:1:approve:${otherEntry}`, user: member }))).toMatch(/approved and shown/);

    const [dm] = h.discord.directMessages(moderator.id);
    expect(dm?.content).toMatch(new RegExp(`^Your entry #${moderatorEntry} in the contest "cats in space" was not accepted`));
    expect([...entryMessages(h).keys()]).toEqual([otherEntry]);

    expect(await deferredText(contest(h, "end", {}, owner), /over|ended/)).toMatch(/is over/);
    await waitForLog(h, "contest results posted", { contest: id });
    expect(resultsMessages(h)[0]!.embeds[0]!.description).not.toContain(`entry #${moderatorEntry}`);
    // Even with a Vote button for it (as a stale or forged client might send), the rejected entry takes no vote.
    const forged = staleCopy(entryMessages(h).get(otherEntry)!, [
      { type: 1, components: [{ type: 2, style: 1, label: "Vote", custom_id: `contest:1:vote:${moderatorEntry}` }] },
    ]);
    expect(await vote(h, forged, owner, `contest:1:vote:${moderatorEntry}`)).toMatch(/is not in the vote/);
  });
});

describe("contests across restarts", () => {
  it("keeps votes over a restart during voting and posts on time; results due while the bot was down post at start-up, once", async () => {
    h = await startHarness();
    const { owner, moderator, member, other } = h.discord.users;
    const id = await createContest(h, { submission: "5s", voting: "8s" });
    const memberEntry = await enterByCommand(h, member, "a cat astronaut");
    const otherEntry = await enterByCommand(h, other, "a cat on the moon");
    await waitForLog(h, "contest voting opened", { contest: id });
    const entries = entryMessages(h);
    await vote(h, entries.get(otherEntry)!, owner);
    await vote(h, entries.get(otherEntry)!, moderator);
    await vote(h, entries.get(memberEntry)!, other);

    await h.restart();
    // Scheduled at start-up: the contest in its voting phase.
    expect((await waitForLog(h, "ready")).contests).toBe(1);
    const { voting_ends_at: votingEndsAt } = (await h.database.get<{ voting_ends_at: number }>("select voting_ends_at from contests where id = ?", id))!;
    const posted = await waitForLog(h, "contest results posted", { contest: id });
    expect(posted).toMatchObject({ winningEntry: otherEntry, votes: 2 });
    const [results] = resultsMessages(h);
    expect(Date.parse(results!.timestamp)).toBeGreaterThanOrEqual(votingEndsAt);
    expect(Date.parse(results!.timestamp) - votingEndsAt).toBeLessThan(3000);

    // A second contest whose voting ends while the bot is stopped.
    const second = await createContest(h, { submission: "3s", voting: "1h", theme: "dogs in space" });
    const entry = await enterByCommand(h, member, "a dog astronaut");
    await waitForLog(h, "contest voting opened", { contest: second });
    await vote(h, entryMessages(h).get(entry)!, owner);
    await h.bot.stop();
    await h.database.run("update contests set voting_ends_at = ? where id = ?", Date.now() - 1000, second);
    await h.restart();
    // Only the second contest is scheduled: the first one's results are posted already.
    expect((await waitForLog(h, "ready")).contests).toBe(1);
    await waitForLog(h, "contest results posted", { contest: second });
    expect(resultsMessages(h)).toHaveLength(2);
    expect(resultsMessages(h)[1]!.content).toContain(`Congratulations <@${member.id}>`);
    // Once: a further restart schedules nothing (both contests have their results message) …
    await h.restart();
    expect((await waitForLog(h, "ready")).contests).toBe(0);
    // … and after a round trip through the bot, by which time a duplicate posted at start-up would have landed,
    // there is none.
    const status = await contest(h, "status", {}, owner).response();
    expect(status.data.embeds[0].title).toBe(`Contest #${second}: dogs in space`);
    expect(status.data.embeds[0].description).toMatch(/^Over since <t:\d+:F>/);
    expect(logCount(h, "contest results posted")).toBe(0);
    expect(resultsMessages(h)).toHaveLength(2);
  });

  it("posts a voting announcement that never went out (the bot stopped after the phase changed) at the next start, once", async () => {
    h = await startHarness();
    const { owner, member } = h.discord.users;
    const id = await createContest(h, { submission: "1h", voting: "1h" });
    const entry = await enterByCommand(h, member, "a cat astronaut");
    await waitForLog(h, "contest entry posted", { entry });
    expect(buttonIds(entryMessages(h).get(entry)!).some((custom) => custom.startsWith("contest:1:vote:"))).toBe(false);
    await h.bot.stop();
    // What a stop between the phase change and the announcement leaves behind.
    await h.database.run("update contests set phase = 'voting', submission_ends_at = ? where id = ?", Date.now() - 1000, id);
    const announcements = () => h!.discord.messages(h!.discord.channels.art).filter((m) => m.content.startsWith("🗳️ Voting is open"));

    await h.restart();
    expect((await waitForLog(h, "ready")).contests).toBe(1);
    await waitForLog(h, "contest voting opened", { contest: id, entries: 1 });
    expect(announcements()).toHaveLength(1);
    expect(await vote(h, entryMessages(h).get(entry)!, owner)).toMatch(/Your vote for entry #\d+ is in/);

    // Once: the next start schedules the results only, and a round trip later there is still one announcement.
    await h.restart();
    expect((await waitForLog(h, "ready")).contests).toBe(1);
    const status = await contest(h, "status", {}, owner).response();
    expect(status.data.embeds[0].title).toBe(`Contest #${id}: cats in space`);
    expect(logCount(h, "contest voting opened")).toBe(0);
    expect(announcements()).toHaveLength(1);
  });
});

describe("an action's result entered in a contest", () => {
  it("is entered with the prompt the member sees (\"Vary (Subtle) · <words>\"), not the bot's instruction to the model", async () => {
    h = await startHarness();
    const { member } = h.discord.users;
    const id = await createContest(h, { submission: "1h", voting: "1h" });
    const result = await waitForFinal(h, imagine(h, { prompt: "a cat astronaut", user: member }));
    const ref = buttonIds(result).find((custom) => custom.startsWith("job:1:reroll:"))!.split(":")[3]!;
    const vary = h.discord.clickButton({ message: result, customId: `job:1:vary-subtle:${ref}:1`, user: member });
    const varied = await waitForFinal(h, vary);
    const submit = buttonIds(varied).find((custom) => custom.startsWith(`contest:1:submit:${id}:`))!;
    expect(await deferredText(h.discord.clickButton({ message: varied, customId: submit, user: member }))).toMatch(/^Your image is entry #\d+/);
    const entry = Number((await waitForLog(h, "contest entry added", { user: member.id })).entry);
    await waitForLog(h, "contest entry posted", { entry });
    const stored = await h.database.get<{ prompt: string }>("select prompt from contest_entries where id = ?", entry);
    expect(stored!.prompt).toBe("Vary (Subtle) · a cat astronaut");
    const prompt = entryMessages(h).get(entry)!.embeds[0]!.fields!.find((f) => f.name === "Prompt")!.value;
    expect(prompt).toContain("Vary (Subtle) · a cat astronaut");
    expect(prompt).not.toMatch(/variation/);
  });
});
