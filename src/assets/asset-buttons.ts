// The assets' buttons, labelled in the reader's language: "Make asset" under a result, the one-press button under an
// asset ("Add as emoji", …), the private panel's rows (which image, then which kind), and the events a cover may go to. Written as the API's own
// component objects, as generation's result buttons are.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from "discord.js";
import { assetRules, type AssetKind } from "../discord/expression-rules.js";
import { offeredPositions, type JobRecord } from "../generation/index.js";
import { translator, type SupportedLocale } from "../i18n/index.js";
import { assetButtonId, type AssetButton } from "./custom-ids.js";

const kindEmoji: Record<AssetKind, string> = { emoji: "😀", sticker: "🏷️", icon: "🖼️", banner: "🏞️", cover: "📅" };

function button(id: AssetButton, label: string, emoji: string): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: assetButtonId(id), label: label.slice(0, 80), emoji: { name: emoji }, style: ButtonStyle.Secondary };
}

export function row(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons };
}

/** The one-press button under an asset; `ref`: the job whose prompt suggests the asset's name. */
export function addButton(kind: AssetKind, ref: string | undefined, locale: SupportedLocale): APIButtonComponent {
  return button({ action: "add", kind, ...(ref !== undefined ? { ref } : {}) }, translator(locale)("assets.button.add", { kind }), kindEmoji[kind]);
}

/**
 * The buttons assets add to a result's first row: an asset's one-press button; under any other result with images
 * in a server with the bot, "Make asset" (position 0 under a set: the panel asks which image). A private result
 * gets it too: its owner may make an asset of it, and the panel is private anyway.
 */
export function assetResultButtons(job: JobRecord, locale: SupportedLocale): APIButtonComponent[] {
  const asset = job.request.asset;
  if (asset) return [addButton(asset.kind, job.ref, locale)];
  if (job.guildId === null || job.tokenOnly) return [];
  const offered = offeredPositions(job);
  if (offered.length === 0) return [];
  const position = offered.length === 1 ? offered[0]! : 0;
  return [button({ action: "make", ref: job.ref, position }, translator(locale)("assets.button.make"), "🧩")];
}

/** "Image 1" … "Image n": which image of a set becomes an asset. */
export function imageChoiceRows(ref: string, positions: readonly number[], locale: SupportedLocale) {
  const say = translator(locale);
  return [row(positions.slice(0, 5).map((n) => button({ action: "make", ref, position: n }, say("assets.button.image", { n }), "🖼️")))];
}

/** The kinds panel: a free fit per kind; for emoji and stickers, the charged cutout too (with its price). */
export function kindRows(ref: string, position: number, kinds: readonly AssetKind[], cutoutPrice: string | undefined, locale: SupportedLocale) {
  const say = translator(locale);
  const fits = kinds.map((kind) => button({ action: "fit", ref, position, kind }, say("assets.button.fit", { kind }), kindEmoji[kind]));
  const cutouts =
    cutoutPrice === undefined
      ? []
      : kinds
          .filter((kind) => assetRules[kind].transparency)
          .map((kind) => button({ action: "cutout", ref, position, kind }, say("assets.button.cutout", { kind, price: cutoutPrice }), "✂️"));
  return [row(fits), ...(cutouts.length ? [row(cutouts)] : [])];
}

/** One button per event (named as the server named it), five a row. */
export function eventRows(events: readonly { id: string; name: string }[]) {
  const buttons = events.map((event) => button({ action: "cover", eventId: event.id }, event.name, kindEmoji.cover));
  return Array.from({ length: Math.ceil(buttons.length / 5) }, (_, i) => row(buttons.slice(i * 5, i * 5 + 5)));
}
