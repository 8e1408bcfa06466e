// The finished reply of a Describe: the prompts the vision model wrote for the image, numbered, each quoted as the
// member's own text would be (the model's words can neither format nor reorder the bot's), with nothing clickable
// in them: a prompt read off an image could otherwise carry a link or a mention. Its buttons are built
// by the reporter: Run 1…n, then the usual row.
import type { APIEmbed } from "discord.js";
import { inertText, userText } from "../discord/user-text.js";
import type { ModelDefinition } from "../models/index.js";
import type { FinishedJob, ResultMessage } from "./result-message.js";

const colour = 0x5865f2;

/** Each prompt is shown whole up to this; four of them stay within an embed's 4,096 characters. */
const SHOWN_PROMPT_LENGTH = 950;

export function describeMessage(model: ModelDefinition, prompts: readonly string[], outcome: FinishedJob): ResultMessage {
  const embed: APIEmbed = { color: colour };
  if (prompts.length) {
    embed.title = "Prompts for this image";
    embed.description = prompts.map((prompt, i) => `**${i + 1}.** ${userText(inertText(prompt), SHOWN_PROMPT_LENGTH)}`).join("\n\n");
    embed.footer = { text: `Press Run to make an image from a prompt with the server's /imagine model.` };
  } else {
    const answer = outcome.output.description?.trim();
    embed.title = "No prompts this time";
    embed.description = answer
      ? `The model answered without prompts: ${userText(inertText(answer), 3000)}\nPress Re-roll to ask again.`
      : "The model returned no text. Press Re-roll to ask again.";
  }
  embed.fields = [
    { name: "Model", value: model.name, inline: true },
    { name: "Time", value: `${(outcome.elapsedMs / 1000).toFixed(1)} s`, inline: true },
  ];
  return { content: "", embeds: [embed], files: [] };
}
