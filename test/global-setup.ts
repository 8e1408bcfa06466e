// The e2e suites start the bot as `npm start` does, from the compiled output: build it once, up front,
// so parallel suites never race to compile.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const result = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("building falcord for the e2e tests failed");
}
