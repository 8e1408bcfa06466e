// The check every e2e suite gets from its harness: nothing the bot wrote (its log lines, the rest of its stdout and
// its stderr, across restarts) contains the bot token, either part of the fal key, or a token of an interaction
// (which is also its webhook's token) that crossed the fake Discord.
import type { FakeDiscord } from "../fakes/discord/index.js";
import type { FakeFal } from "../fakes/fal/index.js";

export interface Secret {
  name: string;
  value: string;
}

/** The secrets a run put on the wire: the bot token, the fal key and its parts, every interaction and webhook token. */
export function secretsOf(discord: FakeDiscord, fal: FakeFal): Secret[] {
  const secrets: Secret[] = [{ name: "the bot token", value: discord.botToken }, { name: "the fal key", value: fal.key }];
  const [keyId, keySecret] = fal.key.split(":");
  if (keyId && keySecret) secrets.push({ name: "the fal key's id", value: keyId }, { name: "the fal key's secret", value: keySecret });
  const tokens = new Set<string>();
  for (const request of discord.requests) {
    if (request.kind === "gateway" && request.t === "INTERACTION_CREATE") {
      const token = (request.body as { d?: { token?: unknown } }).d?.token;
      if (typeof token === "string") tokens.add(token);
    }
    const inPath = /\/(?:webhooks\/\d+|interactions\/\d+)\/([^/?]+)/.exec(request.path)?.[1];
    if (inPath) tokens.add(inPath);
  }
  for (const token of tokens) secrets.push({ name: "an interaction or webhook token", value: token });
  return secrets;
}

/** One line per secret found in `output`: which secret, and where. */
export function secretsIn(output: string, secrets: readonly Secret[]): string[] {
  const lines = output.split("\n");
  return secrets.flatMap(({ name, value }) => {
    const at = lines.findIndex((line) => line.includes(value));
    // The line is shown with the secret masked: the test's output is a log too.
    return at < 0 ? [] : [`${name} is in the bot's output, line ${at + 1}: ${lines[at]!.replaceAll(value, `<${name}>`).slice(0, 300)}`];
  });
}
