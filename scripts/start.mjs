#!/usr/bin/env node
// `npm start`: compile when the sources are newer than the last build, then run the compiled bot.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".build-stamp");
const entry = join(root, "dist", "src", "index.js");

/** @param {string} path */
function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function sourcesChangedSinceBuild() {
  if (!existsSync(stamp) || !existsSync(entry)) return true;
  const built = statSync(stamp).mtimeMs;
  const inputs = ["src", "commands", "tsconfig.json", "tsconfig.build.json", "package.json"];
  return inputs.some((name) => existsSync(join(root, name)) && newestMtime(join(root, name)) > built);
}

if (sourcesChangedSinceBuild()) {
  // tsc never deletes: a removed or renamed command would otherwise stay in dist/ and keep being registered.
  rmSync(join(root, "dist"), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  // Emit only: the types are checked by `npm run typecheck` (and CI), with the development install's typings; a
  // production install (`npm ci --omit=dev`) has TypeScript but none of them.
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--noCheck"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("falcord: the TypeScript build failed (see above); fix it and run `npm start` again.");
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString() + "\n");
}

if (!process.argv.includes("--build-only")) await import(entry);
