// A production install, as operators and container images make one: the files a deployment copies, `npm ci
// --omit=dev` (no development dependencies: no typings, no test tools), then `npm start`, which builds with TypeScript
// alone and runs the bot; it answers an /imagine through the fakes. The packages come from npm's cache, which the
// development install (CI's `npm ci`) filled. The database is the one the test run asks for (SQLite or PostgreSQL),
// so a PostgreSQL run shows the driver loads from a production install too.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.js";
import { startFakeFal, type FakeFal } from "../fakes/fal/index.js";
import { BotProcess } from "./bot-process.js";
import { fakeEnv } from "./harness.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** What a deployment copies of a checkout: the bot's sources and what builds and installs them. */
const deployed = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "scripts", "src", "commands"];

let dir: string | undefined;
let fakes: { discord: FakeDiscord; fal: FakeFal } | undefined;
let bot: BotProcess | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await bot?.stop();
  await Promise.all([fakes?.discord.close(), fakes?.fal.close(), database?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
  [bot, fakes, dir, database] = [undefined, undefined, undefined, undefined];
});

describe("a production install", () => {
  it("npm ci --omit=dev, then npm start: builds, starts and makes an image", { timeout: 300_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), "falcord-production-"));
    for (const path of deployed) cpSync(join(root, path), join(dir, path), { recursive: true });
    const install = spawnSync("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8" });
    expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
    expect(existsSync(join(dir, "node_modules", "typescript"))).toBe(true);
    // No development typings (better-sqlite3's, say): the build must not need them.
    expect(existsSync(join(dir, "node_modules", "@types", "better-sqlite3"))).toBe(false);
    expect(existsSync(join(dir, "node_modules", "vitest"))).toBe(false);

    fakes = { discord: await startFakeDiscord(), fal: await startFakeFal() };
    database = await createTestDatabase();
    bot = BotProcess.npmStart(fakeEnv(fakes.discord, fakes.fal, database.env), dir);
    await bot.waitForMessage("ready", 120_000);

    const interaction = fakes.discord.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", type: 3, value: "a lighthouse at dusk" }] });
    const final = await interaction.waitForOriginal((m) => m.attachments.length > 0, 20_000);
    expect(final.attachments).toHaveLength(1);
    expect(existsSync(join(dir, "dist", "src", "index.js"))).toBe(true);
  });
});
