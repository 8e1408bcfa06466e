// The bench's comparator: an /imagine bot written the way fal's documentation suggests, and nothing more.
// discord.js Client; on /imagine: deferReply(), fal.subscribe() with its default polling and logs, an editReply on
// every queue update, then an editReply with the image URLs (no download). Run by test/bench/run.ts as its own
// process (`node --import tsx test/bench/naive-peer.ts`), with the same environment falcord gets.
import { createFalClient, type QueueStatus } from "@fal-ai/client";
import { Events } from "discord.js";
import { benchClient, env, runBenchBot } from "./bench-bot.js";

const endpoint = "fal-ai/nano-banana";

const fal = createFalClient({
  credentials: env("FAL_KEY"),
  proxyUrl: { url: env("FAL_PROXY_URL"), when: "always" },
});

const client = benchClient();

interface ImageOutput {
  images?: { url: string }[];
  description?: string;
}

function statusText(update: QueueStatus): string {
  if (update.status === "IN_QUEUE") return `In queue (position ${update.queue_position ?? "?"})…`;
  const last = update.logs?.at(-1)?.message;
  return update.status === "IN_PROGRESS" ? `Generating… ${last ?? ""}` : "Finishing…";
}

client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand() || interaction.commandName !== "imagine") return;
  try {
    await interaction.deferReply();
    const prompt = interaction.options.getString("prompt", true);
    const result = await fal.subscribe(endpoint, {
      input: { prompt },
      logs: true,
      onQueueUpdate: (update) => {
        interaction.editReply(statusText(update)).catch((error: unknown) => console.error("progress edit failed", error));
      },
    });
    const data = result.data as ImageOutput;
    const urls = (data.images ?? []).map((image) => image.url);
    await interaction.editReply(`${data.description ?? ""}\n${urls.join("\n")}`.trim());
  } catch (error) {
    console.error("imagine failed", error);
    if (interaction.deferred) await interaction.editReply("Something went wrong.").catch(() => undefined);
  }
});

await runBenchBot(client);
