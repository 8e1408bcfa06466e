// Loads every module in commands/ (compiled .js next to dist/src, or .ts when run from source).
import { readdir } from "node:fs/promises";
import { extname } from "node:path";
import { assertCommandModule, type Command } from "./command.js";

const defaultDirectory = new URL("../../commands/", import.meta.url);

export async function loadCommands(directory: URL = defaultDirectory): Promise<Map<string, Command>> {
  const files = (await readdir(directory))
    .filter((name) => [".js", ".ts"].includes(extname(name)) && !name.endsWith(".d.ts"))
    .sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const command = assertCommandModule(file, await import(new URL(file, directory).href));
    if (commands.has(command.data.name)) throw new Error(`two command modules are named "${command.data.name}"`);
    commands.set(command.data.name, command);
  }
  return commands;
}
