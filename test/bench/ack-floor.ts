// A calibration subject for the bench: a discord.js bot that only acknowledges (deferReply) every /imagine and
// does nothing else. Its acknowledgement latency is the floor that discord.js and this machine allow under the
// same burst; falcord's acknowledgement figures are read against it. Run with `npm run bench -- --only floor`.
import { Events } from "discord.js";
import { benchClient, runBenchBot } from "./bench-bot.js";

const client = benchClient();

client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  interaction.deferReply().catch((error: unknown) => console.error("defer failed", error));
});

await runBenchBot(client);
