// Describe's pieces on their own: reading the vision model's answer into prompts, the vision catalog entry (input,
// output, cost), and the migration that turns Describe on where a server kept a list of the models it has on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DESCRIBE_INSTRUCTION, describedPrompts } from "../../src/generation/describe-prompts.js";
import { catalog, describeModel } from "../../src/models/index.js";
import { openDatabase } from "../../src/store/database.js";
import { migrationsFor } from "../../src/store/migrations.js";
import { testDialect } from "./memory-db.js";

/** These tests build SQLite databases as older versions left them. */
const migrations = migrationsFor("sqlite");

describe("describedPrompts", () => {
  it("reads the asked-for format", () => {
    const answer = "1. A red fox in snow, dawn light\n2. A fox, moody film still\n3. Watercolour fox\n4. Macro of fox fur";
    expect(describedPrompts(answer, 5000)).toEqual(["A red fox in snow, dawn light", "A fox, moody film still", "Watercolour fox", "Macro of fox fur"]);
  });

  it("drops a preamble, markdown, labels and quotes, joins a prompt wrapped over lines, and ignores a closing note", () => {
    const answer = [
      "Here are four prompts for this image:",
      "",
      "**1.** **Prompt:** \"A lighthouse on a cliff at dusk,",
      "oil painting\"",
      "2) “A lighthouse in a storm”",
      "- 3: `A lighthouse, pixel art`",
      "Prompt 4: A lighthouse at noon",
      "",
      "Let me know if you want more!",
    ].join("\n");
    expect(describedPrompts(answer, 5000)).toEqual([
      "A lighthouse on a cliff at dusk, oil painting",
      "A lighthouse in a storm",
      "A lighthouse, pixel art",
      "A lighthouse at noon",
    ]);
  });

  it("falls back to bullets, then paragraphs, then lines; at most four, none repeated", () => {
    expect(describedPrompts("Some prompts:\n- a cat\n- a dog\n- a cat", 100)).toEqual(["a cat", "a dog"]);
    expect(describedPrompts("a cat on a mat,\nin the sun\n\na dog\n\na bird\n\na fish\n\na frog", 100)).toEqual([
      "a cat on a mat, in the sun",
      "a dog",
      "a bird",
      "a fish",
    ]);
    expect(describedPrompts("```\na cat\na dog\n```", 100)).toEqual(["a cat", "a dog"]);
    expect(describedPrompts("1. a\n2. b\n3. c\n4. d\n5. e", 100)).toEqual(["a", "b", "c", "d"]);
  });

  it("cuts a prompt to what the models take, at a word when one is near, and finds nothing in an empty answer", () => {
    const long = `1. ${"word ".repeat(30)}`;
    const [prompt] = describedPrompts(long, 52);
    expect(prompt!.length).toBeLessThanOrEqual(52);
    expect(prompt).toMatch(/word$/);
    expect(describedPrompts("", 100)).toEqual([]);
    expect(describedPrompts(undefined, 100)).toEqual([]);
    expect(describedPrompts("1.\n2. **\n", 100)).toEqual([]);
  });
});

describe("the vision catalog entry", () => {
  const model = catalog.defaultFor("vision");
  const image = "https://cdn.discordapp.com/attachments/1/2/photo.png";

  it("sends the router's model, its instructions and a token cap with the question and the image", () => {
    expect(model).toMatchObject({ endpoint: "openrouter/router/vision", kind: "vision" });
    const built = model.buildInput({ prompt: DESCRIBE_INSTRUCTION, imageUrls: [image] });
    expect(built).toEqual({
      ok: true,
      input: {
        model: "google/gemini-2.5-flash",
        system_prompt: expect.any(String),
        max_tokens: 2000,
        prompt: DESCRIBE_INSTRUCTION,
        image_urls: [image],
      },
    });
    expect(model.buildInput({ prompt: "x" })).toMatchObject({ ok: false, problems: [{ option: "images" }] });
  });

  it("reads the answer as words, and settles on fal's cost, else on the tokens, else on the estimate", () => {
    const input = { prompt: "x", image_urls: [image], model: "google/gemini-2.5-flash", max_tokens: 2000 };
    const billed = model.normalizeOutput({ output: "1. a cat", usage: { prompt_tokens: 1500, completion_tokens: 40, total_tokens: 1540, cost: 0.00055 } });
    expect(billed).toEqual({ images: [], description: "1. a cat", usage: { promptTokens: 1500, completionTokens: 40, costUsd: 0.00055 } });
    expect(model.estimateCost(input, billed)).toMatchObject({ usd: 0.00055, published: true });

    const tokensOnly = model.normalizeOutput({ output: "1. a cat", usage: { prompt_tokens: 1000, completion_tokens: 100 } });
    expect(model.estimateCost(input, tokensOnly)).toMatchObject({ usd: 0.00055, published: false, breakdown: expect.stringMatching(/no cost/) });

    const before = model.estimateCost(input);
    expect(before).toMatchObject({ usd: 0.00551, published: false, breakdown: expect.stringMatching(/^estimate/) });
    const unbilled = model.normalizeOutput({ output: "1. a cat" });
    expect(model.estimateCost(input, unbilled)).toMatchObject({ usd: 0.00551, breakdown: expect.stringMatching(/no token usage/) });
    expect(() => model.normalizeOutput({ images: [] })).toThrow(/not the shape/);
  });

  it("is described for /models as what it does and what it costs", () => {
    expect(describeModel(model)).toMatch(/Writes prompts from an image · 1 input image · billed by tokens/);
  });
});

describe.skipIf(testDialect === "postgres")("migrations 0011 and 0015: Describe, Upscale and background removal start on", () => {
  it("adds the Describe, Upscale and background-removal models to a stored list of models turned on, and leaves other rows alone", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "falcord-describe-upgrade-")), "falcord.sqlite");
    // Built up to the last migration before Describe, then given rows as that version wrote them.
    const upTo = { getMigrations: async () => Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0011")) };
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    try {
      expect((await new Migrator({ db: old, provider: upTo }).migrateToLatest()).error).toBeUndefined();
      const rows = [
        ["1", JSON.stringify({ enabledModels: ["nano-banana", "nano-banana-edit"], cooldownSeconds: 5 })],
        ["2", JSON.stringify({ enabledModels: null })],
        ["3", "not json"],
      ];
      for (const [guild, json] of rows) {
        await sql`insert into guild_settings (guild_id, settings_json, updated_by, updated_at) values (${guild}, ${json}, 'admin', 0)`.execute(old);
      }
    } finally {
      await old.destroy();
    }
    const upgraded = await openDatabase(path);
    try {
      const stored = await upgraded.selectFrom("guild_settings").select("settings_json").orderBy("guild_id").execute();
      expect(stored.map((row) => row.settings_json)).toEqual([
        JSON.stringify({ enabledModels: ["nano-banana", "nano-banana-edit", "gemini-25-flash-vision", "seedvr-upscale", "bria-background-removal"], cooldownSeconds: 5 }),
        JSON.stringify({ enabledModels: null }),
        "not json",
      ]);
      expect(catalog.get("gemini-25-flash-vision")?.kind).toBe("vision");
      expect(catalog.get("seedvr-upscale")?.kind).toBe("upscale");
      expect(catalog.get("bria-background-removal")?.kind).toBe("background-removal");
    } finally {
      await upgraded.destroy();
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});
