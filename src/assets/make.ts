// "Make asset" under a result and its private panel: which image (of a set), then which kind. A kind's plain press fits
// the image as it is to Discord's rules (free, no fal request) and answers privately with the file and its one-press
// button; "… without background" starts a charged background-removal job, like the result's other actions.
import { AttachmentBuilder, MessageFlags, type ButtonInteraction } from "discord.js";
import { assetPermission, assetRules, type AssetKind } from "../discord/expression-rules.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { MAX_OUTPUT_IMAGE_BYTES } from "../fal/rehost.js";
import {
  actionSourceUrl,
  mediaGallery,
  offeredImage,
  offeredPositions,
  replyLayout,
  startGeneration,
  textDisplay,
  type JobRecord,
} from "../generation/index.js";
import { listOr, resolveLocale, t, translator, type SupportedLocale } from "../i18n/index.js";
import { AssetFitError, fitAsset, type FittedAsset } from "../media/asset-fit.js";
import { DownloadError } from "../media/download.js";
import { addButton, imageChoiceRows, kindRows, row } from "./asset-buttons.js";
import type { AssetDeps } from "./deps.js";
import { kindsAllowed, makingPermissions, permissionName } from "./permissions.js";

/** The panel's answer: in place of the image choice it came from, else a new private message. */
async function show(interaction: ButtonInteraction, content: string, components: ReturnType<typeof kindRows>) {
  if (interaction.message.flags.has(MessageFlags.Ephemeral)) await interaction.update({ content, components });
  else await interaction.reply({ content, components, flags: MessageFlags.Ephemeral });
}

/** Whether the member may make this kind; if not, they are told which permission would allow it. */
async function mayMake(interaction: ButtonInteraction, kind: AssetKind, locale: SupportedLocale): Promise<boolean> {
  if (kindsAllowed(interaction.memberPermissions).includes(kind)) return true;
  const say = translator(locale);
  const permission = say(permissionName(assetPermission[kind]));
  await replyPrivately(interaction, say("assets.make.kindNotAllowed", { kind, permission }));
  return false;
}

export async function makeAsset(interaction: ButtonInteraction, ctx: AssetDeps, job: JobRecord, position: number): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const say = translator(locale);
  const kinds = kindsAllowed(interaction.memberPermissions);
  if (kinds.length === 0) {
    const permissions = listOr(locale, makingPermissions().map((permission) => say(permissionName(permission))));
    return replyPrivately(interaction, say("assets.make.noPermission", { permissions }));
  }
  if (position === 0) {
    const offered = offeredPositions(job);
    if (offered.length > 1) return show(interaction, say("assets.panel.whichImage"), imageChoiceRows(job.ref, offered, locale));
    position = offered[0] ?? 0;
  }
  if (!offeredImage(job, position)) return replyPrivately(interaction, say("assets.make.imageNotOffered"));
  const remover = ctx.catalog.list("background-removal")[0];
  const text = [say("assets.panel.kinds", { position }), ...(remover ? [say("assets.panel.cutoutNote", { model: remover.name, price: remover.priceLabel })] : [])];
  await show(interaction, text.join("\n"), kindRows(job.ref, position, kinds, remover?.priceLabel, locale));
}

/** The fitted file in a private card: what it is, its size and bytes, and the kind's one-press button. */
function assetCard(kind: AssetKind, fitted: FittedAsset, ref: string, locale: SupportedLocale) {
  const say = translator(locale);
  const { fileName } = fitted;
  const kib = Math.round((fitted.bytes.byteLength / 1024) * 10) / 10;
  const text = [
    say("assets.fit.ready", { kind }),
    say("assets.fit.facts", { width: fitted.width, height: fitted.height, kib, format: fitted.format.toUpperCase() }),
    say("assets.fit.pressToAdd", { kind }),
  ].join("\n");
  return replyLayout(
    [textDisplay(text), mediaGallery([{ fileName, description: say("assets.fit.alt", { kind }), spoiler: false }])],
    [row([addButton(kind, ref, locale)])],
    { files: [new AttachmentBuilder(fitted.bytes, { name: fileName })] },
  );
}

/** "Emoji", "Sticker", …: the image fitted as it is, answered privately. */
export async function fitResult(interaction: ButtonInteraction, ctx: AssetDeps, job: JobRecord, position: number, kind: AssetKind): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const say = translator(locale);
  if (!(await mayMake(interaction, kind, locale))) return;
  const image = offeredImage(job, position);
  if (!image) return replyPrivately(interaction, say("assets.make.imageNotOffered"));
  // Fetching and fitting a large image can take longer than Discord's 3 s.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let bytes: Buffer;
  try {
    const url = await actionSourceUrl(interaction.client, ctx.log, job, image, position);
    bytes = (await ctx.download(url, { maxBytes: MAX_OUTPUT_IMAGE_BYTES, timeoutMs: ctx.config.DOWNLOAD_TIMEOUT_MS })).bytes;
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    ctx.log.warn({ err: error, job: job.ref }, "could not fetch a result's image to make an asset");
    await interaction.editReply(say("assets.fit.sourceGone"));
    return;
  }
  let fitted: FittedAsset;
  try {
    fitted = await fitAsset(bytes, assetRules[kind], { trim: false, name: kind });
  } catch (error) {
    if (!(error instanceof AssetFitError)) throw error;
    const limit = Math.floor(assetRules[kind].maxBytes / 1024);
    await interaction.editReply(error.reason === "not-an-image" ? say("assets.fit.notAnImage") : say("assets.fit.tooLarge", { kind, limit }));
    return;
  }
  await interaction.editReply(assetCard(kind, fitted, job.ref, locale));
}

/** "… without background": a new job on the background-removal model, charged to the presser, in a private reply. */
export async function cutoutResult(interaction: ButtonInteraction, ctx: AssetDeps, job: JobRecord, position: number, kind: AssetKind): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const say = translator(locale);
  if (!(await mayMake(interaction, kind, locale))) return;
  if (!assetRules[kind].transparency) return replyPrivately(interaction, say("assets.cutout.notForKind", { kind }));
  const image = offeredImage(job, position);
  if (!image) return replyPrivately(interaction, say("assets.make.imageNotOffered"));
  const model = ctx.catalog.list("background-removal")[0];
  if (!model) return replyPrivately(interaction, say("assets.cutout.unavailable"));
  const basePrompt = job.request.action?.basePrompt ?? job.request.prompt;
  await startGeneration(
    interaction,
    {
      kind: "background-removal",
      model,
      request: { prompt: basePrompt, asset: { kind, transparent: true }, action: { label: say("assets.cutout.label"), basePrompt } },
      images: [{ label: t(locale, "generation.image.ofResult", { n: position }), url: await actionSourceUrl(interaction.client, ctx.log, job, image, position) }],
      private: true,
      parentJobId: job.id,
    },
    ctx,
  );
}
