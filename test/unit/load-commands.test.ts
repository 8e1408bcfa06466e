import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCommands } from "../../src/discord/load-commands.js";

describe("loadCommands", () => {
  it("loads command modules from a folder whose path has a space and non-ASCII letters", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "falcord-")), "my bots", "café", "commands");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "ping.js"), 'export const data = { name: "ping" };\nexport async function execute() {}\n');
    writeFileSync(join(folder, "notes.d.ts"), "export {};\n");
    const commands = await loadCommands(pathToFileURL(folder + "/"));
    expect([...commands.keys()]).toEqual(["ping"]);
  });
});
