// What the bench's own bots (the naive peer and the acknowledge-only floor) share: their environment, a plain
// discord.js Client, the /imagine command, and start-up (register, print the ready line run.ts waits for,
// stop on SIGTERM).
import { Client, Events, GatewayIntentBits, SlashCommandBuilder } from "discord.js";

export function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`bench bot: ${name} is not set\n`);
    process.exit(1);
  }
  return value;
}

export function benchClient(): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: env("DISCORD_API_URL") },
  });
}

const imagine = new SlashCommandBuilder()
  .setName("imagine")
  .setDescription("Make an image from a text prompt")
  .addStringOption((option) => option.setName("prompt").setDescription("What to make").setRequired(true));

export async function runBenchBot(client: Client): Promise<void> {
  client.once(Events.ClientReady, async (ready) => {
    await ready.application.commands.set([imagine.toJSON()], env("DISCORD_GUILD_ID"));
    // run.ts waits for this line.
    console.log(JSON.stringify({ msg: "ready" }));
  });
  const stop = () => {
    void client.destroy().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await client.login(env("DISCORD_TOKEN"));
}
