// How `npm start` runs falcord, for the tests and the bench that start it the same way.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The Node flags of `npm start` in falcord's package.json ("node <flags> scripts/start.mjs"), so that the
 * end-to-end tests and the bench run falcord exactly as it runs in production.
 */
export function startFlags(falcordDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(falcordDir, "package.json"), "utf8")) as { scripts?: { start?: string } };
  const start = manifest.scripts?.start ?? "";
  const match = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+scripts\/start\.mjs$/.exec(start.trim());
  if (!match) throw new Error(`falcord's start script is not "node [flags] scripts/start.mjs" (got ${JSON.stringify(start)})`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}
