// For the fake Discord's own unit tests: a discord.js Client logged in to a fresh fake, both stopped after each test,
// and the DiscordAPIError a refused request gives.
import { once } from "node:events";
import { Client, DiscordAPIError, Events, GatewayIntentBits } from "discord.js";
import { afterEach, expect } from "vitest";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/discord/index.js";

const running: { fake: FakeDiscord; client: Client }[] = [];

afterEach(async () => {
  for (const { fake, client } of running.splice(0)) {
    await client.destroy();
    await fake.close();
  }
});

export interface FakeConnection {
  options?: FakeDiscordOptions;
  intents?: GatewayIntentBits[];
  /** What the test sets up in the fake before the client logs in (so GUILD_CREATE carries it). */
  before?(fake: FakeDiscord): void;
}

export async function connectToFake({ options = {}, intents = [GatewayIntentBits.Guilds], before }: FakeConnection = {}): Promise<{
  fake: FakeDiscord;
  client: Client<true>;
}> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 100, ...options });
  before?.(fake);
  const client = new Client({ intents, rest: { api: fake.apiUrl }, allowedMentions: { parse: [] } });
  running.push({ fake, client });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.botToken);
  await ready;
  return { fake, client: client as Client<true> };
}

export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}
