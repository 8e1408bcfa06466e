// Loads every module in commands/ (compiled .js next to dist/src, or .ts when run from source).
import { readdir } from "node:fs/promises";
import { extname } from "node:path";
import { assertCommandModule, type Command } from "./command.js";

const defaultDirectory = new URL("../../commands/", import.meta.url);

/** `Ctx`: the context the app hands the commands (each module is checked for its shape, not for its context's type). */
export async function loadCommands<Ctx>(directory: URL = defaultDirectory): Promise<Map<string, Command<Ctx>>> {
  const files = (await readdir(directory))
    .filter((name) => [".js", ".ts"].includes(extname(name)) && !name.endsWith(".d.ts"))
    .sort();
  const commands = new Map<string, Command<Ctx>>();
  for (const file of files) {
    const command = assertCommandModule<Ctx>(file, await import(new URL(file, directory).href));
    if (commands.has(command.data.name)) throw new Error(`two command modules are named "${command.data.name}"`);
    commands.set(command.data.name, command);
  }
  return commands;
}
