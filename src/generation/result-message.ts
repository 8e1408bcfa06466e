// The finished reply: the images as one set of attachments, and an embed with Gemini's description,
// the prompt, model, size, seed (for models that take one) and time.
import { AttachmentBuilder, type APIEmbed, type APIEmbedField } from "discord.js";
import type { PreparedFiles } from "./steps.js";
import type { GenerationRequest, ModelDefinition, NormalizedOutput } from "../models/index.js";
import { quote } from "../wording.js";
import { userText } from "../discord/user-text.js";
import { shownPrompt, shownPromptText } from "./progress-text.js";

export interface FinishedJob extends PreparedFiles {
  output: NormalizedOutput;
  elapsedMs: number;
}

export interface ResultMessage {
  content: string;
  embeds: APIEmbed[];
  files: AttachmentBuilder[];
}

const colour = 0x5865f2;

function sizes(outcome: FinishedJob): string | undefined {
  const distinct = [...new Set(outcome.files.filter((f) => f.width && f.height).map((f) => `${f.width}×${f.height}`))];
  return distinct.length ? distinct.join(", ") : undefined;
}

/**
 * The embed is plain data (an APIEmbed, which discord.js takes as it is): EmbedBuilder runs its validators on
 * every call (for the colour alone they build and discard an error per union branch, ~0.1 ms per result);
 * Discord checks it anyway.
 */
export function resultMessage(model: ModelDefinition, request: GenerationRequest, outcome: FinishedJob): ResultMessage {
  const embed: APIEmbed = { color: colour };
  const description = outcome.output.description?.trim();
  const textOnly = outcome.output.images.length === 0;
  if (textOnly) {
    embed.title = "No image this time — the model answered in words";
    embed.description = description ? userText(description, 3500) : "(the model returned neither an image nor any text)";
  } else if (description) {
    embed.description = userText(description, 3500);
  }
  const facts = [
    { name: "Model", value: model.name, inline: true },
    { name: "Size", value: sizes(outcome), inline: true },
    { name: "Seed", value: (outcome.output.seed ?? (model.options.seed ? request.seed : undefined))?.toString(), inline: true },
    { name: "Time", value: `${(outcome.elapsedMs / 1000).toFixed(1)} s`, inline: true },
    { name: "Style", value: request.style === undefined ? undefined : userText(request.style, 100), inline: true },
  ].filter((field): field is { name: string; value: string; inline: boolean } => Boolean(field.value));
  const fields: APIEmbedField[] = [{ name: "Prompt", value: shownPromptText(request, 1000) }, ...facts];
  embed.fields = fields;
  if (outcome.withheld.length) {
    const n = outcome.withheld.length;
    fields.push({
      name: "Withheld",
      value: `${n} image${n === 1 ? " was" : "s were"} flagged by the safety checker and ${n === 1 ? "is" : "are"} not shown, because this channel is not marked NSFW.`,
    });
  }
  const notes = [...new Set(outcome.files.map((f) => f.adjustment).filter(Boolean))];
  if (notes.length) embed.footer = { text: notes.join("; ") };
  const files = outcome.files.map((file) =>
    new AttachmentBuilder(file.bytes, { name: file.fileName, description: quote(shownPrompt(request), 1000) }),
  );
  return { content: "", embeds: [embed], files };
}
