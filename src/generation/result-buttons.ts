// The buttons under a result (and under an interrupted job): their custom ids and their rows, labelled in the job's
// language (the emoji and custom ids are the same in every language). Written as the API's
// own component objects (which discord.js takes as they are): they are the bot's constants, sent with every result,
// and the builders would validate each anew.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from "discord.js";
import { makeCustomId } from "../discord/custom-id.js";
import { translator, type SupportedLocale } from "../i18n/index.js";

export const JOB_BUTTON_PREFIX = "job:1";

export type JobAction = "reroll" | "edit" | "delete" | "retry" | "cancel" | "run" | ResultAction;

/** The actions on one image of a result (its position in the message follows the ref in the custom id), and "more": its panel. */
export const resultActions = [
  "upscale2k",
  "upscale4k",
  "vary-subtle",
  "vary-strong",
  "zoom15",
  "zoom2",
  "pan-left",
  "pan-right",
  "pan-up",
  "pan-down",
  "more",
] as const;

export type ResultAction = (typeof resultActions)[number];

export function isResultAction(action: string | undefined): action is ResultAction {
  return (resultActions as readonly (string | undefined)[]).includes(action);
}

export function jobButtonId(action: JobAction, ref: string, ...rest: string[]): string {
  return makeCustomId(JOB_BUTTON_PREFIX, action, ref, ...rest);
}

function jobButton(action: JobAction, ref: string, label: string, emoji: string, style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: jobButtonId(action, ref), label, emoji: { name: emoji }, style };
}

/** A button of an action on the image at `position` (1-based) of the result; a label, an emoji or both. */
function imageButton(action: ResultAction, ref: string, position: number, label: string | undefined, emoji?: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: jobButtonId(action, ref, String(position)),
    style: ButtonStyle.Secondary,
    ...(label !== undefined ? { label } : {}),
    ...(emoji !== undefined ? { emoji: { name: emoji } } : {}),
  };
}

function row(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons };
}

export function resultButtons(
  ref: string,
  { canEdit, canDelete, extra = [], locale }: { canEdit: boolean; canDelete: boolean; extra?: readonly APIButtonComponent[] | undefined; locale: SupportedLocale },
) {
  const tr = translator(locale);
  const buttons = [jobButton("reroll", ref, tr("job.buttonReroll"), "🎲", ButtonStyle.Secondary)];
  if (canEdit) buttons.push(jobButton("edit", ref, tr("job.buttonEdit"), "✏️", ButtonStyle.Secondary));
  if (canDelete) buttons.push(jobButton("delete", ref, tr("job.buttonDelete"), "🗑️", ButtonStyle.Danger));
  // A row holds 5 buttons.
  buttons.push(...extra.slice(0, 5 - buttons.length));
  return [row(buttons)];
}

/** Under a Describe's prompts: "Run n" makes an image from prompt n. */
export function runButtonId(ref: string, n: number): string {
  return makeCustomId(JOB_BUTTON_PREFIX, "run", ref, String(n));
}

export function runButtons(ref: string, count: number, locale: SupportedLocale) {
  const buttons: APIButtonComponent[] = Array.from({ length: count }, (_, i) => ({
    type: ComponentType.Button,
    custom_id: runButtonId(ref, i + 1),
    label: translator(locale)("job.buttonRun", { n: i + 1 }),
    emoji: { name: "🎨" },
    style: ButtonStyle.Primary,
  }));
  return buttons.length ? [row(buttons)] : [];
}

/** Every action on one image, in three rows: Upscale and Vary; Zoom out; Pan. */
export function imageActionRows(ref: string, position: number, locale: SupportedLocale) {
  const tr = translator(locale);
  return [
    row([
      imageButton("upscale2k", ref, position, tr("job.buttonUpscale", { size: "2K" }), "🔍"),
      imageButton("upscale4k", ref, position, tr("job.buttonUpscale", { size: "4K" }), "🔍"),
      imageButton("vary-subtle", ref, position, tr("job.buttonVarySubtle"), "🪄"),
      imageButton("vary-strong", ref, position, tr("job.buttonVaryStrong"), "🌀"),
    ]),
    row([
      imageButton("zoom15", ref, position, tr("job.buttonZoomOut", { factor: 1.5 }), "🔭"),
      imageButton("zoom2", ref, position, tr("job.buttonZoomOut", { factor: 2 }), "🔭"),
    ]),
    row([
      imageButton("pan-left", ref, position, undefined, "⬅️"),
      imageButton("pan-right", ref, position, undefined, "➡️"),
      imageButton("pan-up", ref, position, undefined, "⬆️"),
      imageButton("pan-down", ref, position, undefined, "⬇️"),
    ]),
  ];
}

/** The most images of a set that get U, V and ⋯ buttons (a set is 4 images at most). */
const maxSetButtons = 4;

/**
 * The action rows under a result, below its first row (at most 5 rows of 5 in all): one image's full rows; or, for a
 * set (2 to 4 images, as Midjourney lays it out), U1…Un (Upscale 2K), V1…Vn (Vary (Subtle)) and "⋯ 1"…"⋯ n", each
 * opening a private panel with that image's full rows. `offered`: the positions of the images the actions are offered
 * for; `shown`: how many images the message shows.
 */
export function resultActionRows(ref: string, offered: readonly number[], shown: number, locale: SupportedLocale) {
  if (offered.length === 0) return [];
  if (shown === 1) return imageActionRows(ref, offered[0]!, locale);
  // A row holds at most 5 buttons: a model that returned more images than asked gets buttons for its first 4.
  const first = offered.slice(0, maxSetButtons);
  return [
    row(first.map((n) => imageButton("upscale2k", ref, n, `U${n}`))),
    row(first.map((n) => imageButton("vary-subtle", ref, n, `V${n}`))),
    row(first.map((n) => imageButton("more", ref, n, `⋯ ${n}`))),
  ];
}

/** Under a job's progress while it waits or runs. */
export function cancelButtons(ref: string, locale: SupportedLocale) {
  return [row([jobButton("cancel", ref, translator(locale)("job.buttonCancel"), "🛑", ButtonStyle.Secondary)])];
}

export function retryButtons(ref: string, locale: SupportedLocale) {
  return [row([jobButton("retry", ref, translator(locale)("job.buttonRetry"), "🔁", ButtonStyle.Primary)])];
}
