// The finished reply of a Describe, in the reader's language: the prompts the vision model wrote for the image,
// numbered, each quoted as the member's own text would be (the model's words can neither format nor reorder the
// bot's), with nothing clickable in them: a prompt read off an image could otherwise carry a link or a mention. In the
// layout of every job's reply (reply-layout.ts); its buttons are built by the reporter: Run 1…n, then the usual row.
import type { APIActionRowComponent, APIButtonComponent } from "discord.js";
import { inertText, userText } from "../discord/user-text.js";
import { translator, type SupportedLocale } from "../i18n/index.js";
import type { ModelDefinition } from "../models/index.js";
import { elapsedText, factLines, type FinishedJob } from "./result-message.js";
import { replyLayout, textDisplay, type ReplyLayout } from "./reply-layout.js";

/** Each prompt is shown whole up to this; four of them stay within a message's 4,000 characters of text. */
const SHOWN_PROMPT_LENGTH = 900;

export function describeMessage(
  model: ModelDefinition,
  prompts: readonly string[],
  outcome: FinishedJob,
  rows: readonly APIActionRowComponent<APIButtonComponent>[],
  locale: SupportedLocale,
): ReplyLayout {
  const tr = translator(locale);
  let body: string;
  if (prompts.length) {
    const listed = prompts.map((prompt, i) => `**${i + 1}.** ${userText(inertText(prompt), SHOWN_PROMPT_LENGTH)}`).join("\n\n");
    body = `### ${tr("result.describeTitle")}\n${listed}\n-# ${tr("result.describeHint")}`;
  } else {
    const answer = outcome.output.description?.trim();
    const said = answer ? tr("result.describeAnswered", { answer: userText(inertText(answer), 3000) }) : tr("result.describeNoText");
    body = `### ${tr("result.describeNone")}\n${said}`;
  }
  const facts = factLines(tr, [
    [tr("result.model"), model.name],
    [tr("result.time"), elapsedText(tr, outcome.elapsedMs)],
  ]);
  return replyLayout([textDisplay(body), textDisplay(facts)], rows);
}
