// The finished reply, in the reader's language: the images as one set of attachments shown in a media gallery (each
// with Gemini's description as its alt text, behind a spoiler where the model flagged it and the server posts such
// images so), then Gemini's description, the prompt, model, size, seed (for models that take one), style and time,
// and the notes (images withheld, images made smaller). The reporter adds the buttons.
import { AttachmentBuilder, type APIActionRowComponent, type APIButtonComponent, type APIComponentInContainer } from "discord.js";
import type { PreparedFiles } from "./steps.js";
import type { GenerationRequest, ModelDefinition, NormalizedOutput } from "../models/index.js";
import { quote } from "../wording.js";
import { userText } from "../discord/user-text.js";
import { translator, type SupportedLocale, type Translate } from "../i18n/index.js";
import { shownPrompt, shownPromptText } from "./progress-text.js";
import { MAX_ALT_TEXT, mediaGallery, replyLayout, textDisplay, type ReplyLayout } from "./reply-layout.js";

export interface FinishedJob extends PreparedFiles {
  output: NormalizedOutput;
  elapsedMs: number;
}

function sizes(outcome: FinishedJob): string | undefined {
  const distinct = [...new Set(outcome.files.filter((f) => f.width && f.height).map((f) => `${f.width}×${f.height}`))];
  return distinct.length ? distinct.join(", ") : undefined;
}

/** An asset's kind, whether its background was removed, and its file's size (Discord's limits are in bytes). */
function assetFact(tr: Translate, { asset }: GenerationRequest, outcome: FinishedJob): string | undefined {
  const file = outcome.files[0];
  if (!asset || !file) return undefined;
  const kib = Math.round((file.bytes.byteLength / 1024) * 10) / 10;
  return tr("result.assetValue", { kind: asset.kind, transparent: asset.transparent ? "yes" : "no", kib });
}

/** "**Label:** value" lines, for the facts that have a value. */
export function factLines(tr: Translate, facts: ReadonlyArray<readonly [string, string | undefined]>): string {
  return facts.flatMap(([label, value]) => (value ? [tr("result.fact", { label, value })] : [])).join("\n");
}

export function elapsedText(tr: Translate, elapsedMs: number): string {
  return tr("common.seconds", { seconds: elapsedMs / 1000 });
}

/**
 * Within Discord's 4,000 characters of text a message: the description up to 2,200, the prompt up to 1,000 (as the
 * embed had), the facts, notes and a mention (reply-target.ts, a new message) in what is left.
 */
export function resultMessage(
  model: ModelDefinition,
  request: GenerationRequest,
  outcome: FinishedJob,
  rows: readonly APIActionRowComponent<APIButtonComponent>[],
  locale: SupportedLocale,
): ReplyLayout {
  const tr = translator(locale);
  const description = outcome.output.description?.trim();
  const parts: APIComponentInContainer[] = [];
  if (outcome.output.images.length === 0) {
    const answer = description ? userText(description, 2200) : tr("result.noText");
    parts.push(textDisplay(`### ${tr("result.noImage")}\n${answer}`));
  } else if (description) {
    parts.push(textDisplay(userText(description, 2200)));
  }
  if (outcome.files.length) {
    const alt = quote(description || shownPrompt(request), MAX_ALT_TEXT);
    parts.push(mediaGallery(outcome.files.map((file) => ({ fileName: file.fileName, description: alt, spoiler: file.spoiler === true }))));
  }
  parts.push(textDisplay(tr("result.fact", { label: tr("result.prompt"), value: shownPromptText(request, 1000) })));
  const seed = (outcome.output.seed ?? (model.options.seed ? request.seed : undefined))?.toString();
  parts.push(
    textDisplay(
      factLines(tr, [
        [tr("result.model"), model.name],
        [tr("result.size"), sizes(outcome)],
        [tr("result.seed"), seed],
        [tr("result.time"), elapsedText(tr, outcome.elapsedMs)],
        [tr("result.style"), request.style === undefined ? undefined : userText(request.style, 100)],
        [tr("result.asset"), assetFact(tr, request, outcome)],
      ]),
    ),
  );
  const notes: string[] = [];
  if (outcome.withheld.length) {
    notes.push(tr("result.fact", { label: tr("result.withheldLabel"), value: tr("result.withheld", { count: outcome.withheld.length }) }));
  }
  const adjustments = [
    ...new Set(
      outcome.files.flatMap(({ adjustment }) =>
        !adjustment ? [] : adjustment.kind === "scaled" ? [tr("result.scaledToFit", { size: `${adjustment.width}×${adjustment.height}` })] : [tr("result.reencodedToFit")],
      ),
    ),
  ];
  if (adjustments.length) notes.push(`-# ${adjustments.join("; ")}`);
  if (notes.length) parts.push(textDisplay(notes.join("\n")));
  const files = outcome.files.map((file) => new AttachmentBuilder(file.bytes, { name: file.fileName, description: quote(shownPrompt(request), 1000) }));
  return replyLayout(parts, rows, { files });
}
