import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, secretsOf, withoutCredentials } from "../../src/config.js";

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
