// Contests with several bot processes on one PostgreSQL database (issue 20): one process, the leader, runs the
// phases. A contest created through the other process (its server is on that one's shard) is found by the leader,
// which opens the voting; the leader is killed with SIGKILL and the other takes over and posts the results. Each
// post is made once, in the server's language although the leader does not have the server in its cache.
// PostgreSQL only: SQLite is for one process.
import { afterEach, describe, expect, it } from "vitest";
import { guildOnShard } from "../fakes/discord/index.js";
import { contest, createContest, entryMessages, vote, voteButton } from "./contest-helpers.js";
import { bodyOf, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { chosenDatabase } from "./test-database.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.skipIf(chosenDatabase().dialect !== "postgres")("contests with two processes on one PostgreSQL database", () => {
  it("the leader runs the phases, once each and in the server's language; killed with SIGKILL, the other process takes over and posts the results once", { timeout: 60_000 }, async () => {
    // The first process (shard 0) starts alone and leads; the main server, in French, is on the second's shard.
    const harness = await startHarness({
      discord: { preferredLocale: "fr", guildIds: { main: guildOnShard(1, 2), second: guildOnShard(0, 2) } },
      env: { SHARD_COUNT: "2", SHARD_IDS: "0", LEADER_RETRY_MS: "300", CONTEST_REFRESH_MS: "500" },
    });
    h = harness;
    const leader = harness.bot;
    const other = await harness.startAnother({ SHARD_IDS: "1" });
    expect(leader.logs.some((line) => line.msg === "took the leadership")).toBe(true);
    expect(other.logs.some((line) => line.msg === "took the leadership")).toBe(false);

    const { art } = harness.discord.channels;
    const posts = (pattern: RegExp) =>
      harness.discord.requests.filter(
        (r) => r.kind === "http" && r.method === "POST" && r.path.endsWith(`/channels/${art}/messages`) && pattern.test(String(bodyOf(r).content ?? "")),
      );
    const votingPosts = () => posts(/^🗳️ Les votes sont ouverts pour \*\*cats in space\*\*/);
    const resultsPosts = () =>
      harness.discord.requests.filter((r) => {
        const embeds = bodyOf(r).embeds as { title?: string }[] | undefined;
        return r.kind === "http" && r.method === "POST" && r.path.endsWith(`/channels/${art}/messages`) && Boolean(embeds?.[0]?.title?.startsWith("Résultats · "));
      });

    // Through the other process: it sets no timer; the leader finds the contest at its next look.
    const id = await createContest(harness, { submission: "8s", voting: "5s" });
    await other.waitForLog((line) => line.msg === "contest created" && line.contest === id);
    const { member, owner } = harness.discord.users;
    const entering = contest(harness, "enter", { prompt: "a cat astronaut" }, member);
    expect((await entering.response()).type).toBe(5);
    await waitForFinal(harness, entering);
    const entry = Number((await other.waitForLog((line) => line.msg === "contest entry posted" && line.contest === id)).entry);

    // The leader, without the server in its cache, puts the Vote button on the entry and announces the voting in the
    // language the server had when the contest was made.
    await leader.waitForLog((line) => line.msg === "contest voting opened" && line.contest === id, 20_000);
    expect(votingPosts()).toHaveLength(1);
    expect(other.logs.some((line) => line.msg === "contest voting opened")).toBe(false);
    const entryMessage = entryMessages(harness).get(entry)!;
    expect(voteButton(entryMessage)).toMatch(/^contest:1:vote:/);
    expect(await vote(harness, entryMessage, owner)).toMatch(/Your vote for entry #\d+ is in/);

    await leader.kill();
    // The other takes the lock over (the dead process's session ended with it) and schedules the results.
    await other.waitForLog((line) => line.msg === "this process runs the contests' phases now", 10_000);
    const posted = await other.waitForLog((line) => line.msg === "contest results posted" && line.contest === id, 20_000);
    expect(posted).toMatchObject({ winningEntry: entry, votes: 1 });
    const { voting_ends_at: votingEndsAt } = (await harness.database.get<{ voting_ends_at: number }>("select voting_ends_at from contests where id = ?", id))!;
    const results = harness.discord.messages(art).filter((m) => m.embeds[0]?.title?.startsWith("Résultats · "));
    expect(results).toHaveLength(1);
    expect(Date.parse(results[0]!.timestamp)).toBeGreaterThanOrEqual(votingEndsAt);
    expect(resultsPosts()).toHaveLength(1);

    // Once each: a round trip through the bot later, nothing more was posted.
    const status = await contest(harness, "status", { contest: id }).response();
    expect(status.data.embeds[0].description).toMatch(/^Over since <t:\d+:F>/);
    expect(votingPosts()).toHaveLength(1);
    expect(resultsPosts()).toHaveLength(1);
    expect(other.logs.filter((line) => line.msg === "contest voting opened")).toHaveLength(0);
  });
});
