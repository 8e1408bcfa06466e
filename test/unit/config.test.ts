import { Agent } from "undici";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, secretsOf, shardsOf, withoutCredentials } from "../../src/config.js";
import { createDiscordClient } from "../../src/discord/client.js";

const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GabCdE.abcdefghijklmnopqrstuvwxyz0123456789AB";
const valid = { DISCORD_TOKEN: token, FAL_KEY: "fal-key-1234:secret-5678" };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected loadConfig to fail");
}

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ DATABASE_PATH: "./data/falcord.sqlite", LOG_LEVEL: "info" });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_API_URL).toBeUndefined();
  });

  it("names every missing required variable with where to get it, one line each", () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DISCORD_TOKEN is not set: .*discord\.com\/developers\/applications/);
    expect(problems[1]).toMatch(/^FAL_KEY is not set: .*fal\.ai\/dashboard\/keys/);
    for (const line of problems) expect(line).not.toContain("\n");
  });

  it("treats empty values (as copied from .env.example) as unset", () => {
    expect(problemsOf({ DISCORD_TOKEN: "", FAL_KEY: "  " })).toHaveLength(2);
    expect(loadConfig({ ...valid, DISCORD_GUILD_ID: "", DISCORD_API_URL: "" }).DISCORD_GUILD_ID).toBeUndefined();
  });

  it("rejects malformed values and says what is wrong", () => {
    const problems = problemsOf({
      DISCORD_TOKEN: "not-a-token",
      FAL_KEY: "x",
      DISCORD_GUILD_ID: "my-server",
      LOG_LEVEL: "loud",
      DISCORD_API_URL: "ftp://example",
      FAL_PROXY_URL: "not a url",
    });
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "DISCORD_TOKEN",
      "FAL_KEY",
      "DISCORD_GUILD_ID",
      "LOG_LEVEL",
      "DISCORD_API_URL",
      "FAL_PROXY_URL",
    ]);
    expect(problems.join("\n")).toContain("Discord ID");
  });

  it("normalises service URLs", () => {
    const config = loadConfig({ ...valid, DISCORD_API_URL: "http://127.0.0.1:9000/api/", FAL_PROXY_URL: "http://127.0.0.1:9001/" });
    expect(config.DISCORD_API_URL).toBe("http://127.0.0.1:9000/api");
    expect(config.FAL_PROXY_URL).toBe("http://127.0.0.1:9001");
  });

  it("takes a PostgreSQL database by URL, refuses any other URL, and keeps its password out of what it shows and logs", () => {
    const url = "postgres://falcord:s%40cret-pass@db.example:5432/falcord";
    const config = loadConfig({ ...valid, DATABASE_URL: url });
    expect(config.DATABASE_URL).toBe(url);
    expect(withoutCredentials(url)).toBe("postgres://db.example:5432/falcord");
    expect(secretsOf(config)).toEqual(expect.arrayContaining([url, "s@cret-pass"]));
    expect(loadConfig({ ...valid, DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    const [problem] = problemsOf({ ...valid, DATABASE_URL: "mysql://db.example/falcord" });
    expect(problem).toMatch(/^DATABASE_URL .*postgres:\/\/.*PostgreSQL/);
  });

  it("takes fal webhooks only with a port to arrive on, the account's user id and an https URL (http for loopback only)", () => {
    const webhook = { FAL_WEBHOOK_URL: "https://bot.example.com/fal/webhook", HTTP_PORT: "8080", FAL_USER_ID: "user-123" };
    expect(loadConfig({ ...valid, ...webhook })).toMatchObject({ ...webhook, HTTP_PORT: 8080, FAL_WEBHOOK_SWEEP_MS: 30_000 });
    expect(loadConfig(valid).FAL_WEBHOOK_URL).toBeUndefined();
    expect(loadConfig({ ...valid, ...webhook, FAL_WEBHOOK_URL: "http://127.0.0.1:8080/hook" }).FAL_WEBHOOK_URL).toBe("http://127.0.0.1:8080/hook");

    const withoutPort = problemsOf({ ...valid, ...webhook, HTTP_PORT: "" });
    expect(withoutPort).toEqual([expect.stringMatching(/^FAL_WEBHOOK_URL needs HTTP_PORT: .*https URL/)]);
    const withoutUser = problemsOf({ ...valid, ...webhook, FAL_USER_ID: "" });
    expect(withoutUser).toEqual([expect.stringMatching(/^FAL_USER_ID is not set, and FAL_WEBHOOK_URL needs it: .*X-Fal-Webhook-User-Id/)]);
    expect(problemsOf({ ...valid, ...webhook, FAL_WEBHOOK_URL: "http://bot.example.com/fal/webhook" })).toEqual([
      expect.stringMatching(/^FAL_WEBHOOK_URL must start with https:\/\//),
    ]);
    expect(problemsOf({ ...valid, ...webhook, FAL_WEBHOOK_URL: "https://bot.example.com/metrics" })[0]).toMatch(/operators' endpoints/);
    expect(problemsOf({ ...valid, ...webhook, FAL_WEBHOOK_SWEEP_MS: "10" })[0]).toMatch(/^FAL_WEBHOOK_SWEEP_MS /);
  });
});

// Which of the bot's shards a process runs, and the discord.js client they configure.
describe("SHARD_COUNT and SHARD_IDS", () => {
  it("run one shard by default, and every shard of SHARD_COUNT when SHARD_IDS is unset or empty", () => {
    expect(shardsOf(loadConfig(valid))).toEqual({ ids: [0], count: 1 });
    expect(shardsOf(loadConfig({ ...valid, SHARD_COUNT: "3" }))).toEqual({ ids: [0, 1, 2], count: 3 });
    expect(shardsOf(loadConfig({ ...valid, SHARD_COUNT: "3", SHARD_IDS: " " }))).toEqual({ ids: [0, 1, 2], count: 3 });
  });

  it("take the shards SHARD_IDS names, with spaces around the commas", () => {
    expect(shardsOf(loadConfig({ ...valid, SHARD_COUNT: " 4 ", SHARD_IDS: "3, 1" }))).toEqual({ ids: [3, 1], count: 4 });
    expect(shardsOf(loadConfig({ ...valid, SHARD_COUNT: "1000", SHARD_IDS: "999" }))).toEqual({ ids: [999], count: 1000 });
  });

  it.each([
    ["0", /^SHARD_COUNT must be 1 to 1000: /],
    ["1001", /^SHARD_COUNT must be 1 to 1000: /],
    ["two", /^SHARD_COUNT must be a whole number/],
    ["1.5", /^SHARD_COUNT must be a whole number/],
    // discord.js would read a blank SHARD_COUNT from the environment as 0 shards.
    ["", /^SHARD_COUNT must be a whole number \(to run unsharded, remove the line rather than leave it empty\): /],
  ])("refuse SHARD_COUNT=%j in one line that says what to set", (value, message) => {
    const problems = problemsOf({ ...valid, SHARD_COUNT: value, SHARD_IDS: "5" });
    // SHARD_IDS is not weighed against a SHARD_COUNT that is itself wrong.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(problems[0]).toContain("one shard per 2500 servers");
  });

  it("refuse a shard id outside SHARD_COUNT, along with every other problem", () => {
    const problems = problemsOf({ FAL_KEY: valid.FAL_KEY, SHARD_COUNT: "2", SHARD_IDS: "0,2,3" });
    expect(problems.map((p) => p.split(" ")[0])).toEqual(["DISCORD_TOKEN", "SHARD_IDS"]);
    expect(problems[1]).toBe(
      "SHARD_IDS names shards 2, 3, but with SHARD_COUNT=2 the shards are 0 to 1: optional; the shards this process runs, such as 0,1 (each from 0 to SHARD_COUNT - 1); leave unset to run them all in this one process",
    );
    expect(problemsOf({ ...valid, SHARD_IDS: "1" })).toEqual([expect.stringMatching(/^SHARD_IDS names shard 1, but with SHARD_COUNT=1 the shards are 0 to 0: /)]);
  });

  it("refuse a shard named twice, and anything but ids separated by commas", () => {
    expect(problemsOf({ ...valid, SHARD_COUNT: "4", SHARD_IDS: "0, 1, 0" })).toEqual([expect.stringMatching(/^SHARD_IDS names a shard more than once: /)]);
    for (const ids of ["0;1", "-1", "0,", "one"]) {
      expect(problemsOf({ ...valid, SHARD_COUNT: "4", SHARD_IDS: ids }), ids).toEqual([
        expect.stringMatching(/^SHARD_IDS must be shard ids separated by commas, e.g. 0,1: /),
      ]);
    }
  });

  it("configure the discord.js client with this process's shards and the count of all", async () => {
    const agent = new Agent();
    const sharded = createDiscordClient(loadConfig({ ...valid, SHARD_COUNT: "4", SHARD_IDS: "1,3" }), agent);
    expect(sharded.options.shards).toEqual([1, 3]);
    expect(sharded.options.shardCount).toBe(4);
    const unsharded = createDiscordClient(loadConfig(valid), agent);
    expect(unsharded.options.shards).toEqual([0]);
    expect(unsharded.options.shardCount).toBe(1);
    await Promise.all([sharded.destroy(), unsharded.destroy()]);
    await agent.close();
  });
});
