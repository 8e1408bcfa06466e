// The one-press buttons under an asset ("Add as emoji", "Add as sticker", "Set as server icon", "Set as banner", "Set
// as event cover") and the forms they open. Each press, and each form's submit, checks again where it is and who may
// do it; then the server's own limits (free slots, the banner's boost level); only then is the asset's file fetched
// and uploaded, so a refusal changes nothing. The audit log names the member who pressed.
import { MessageFlags, type ButtonInteraction, type Guild, type ModalSubmitInteraction } from "discord.js";
import type { AssetKind } from "../discord/expression-rules.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";
import { emojiForm, readEmojiName, readStickerFields, stickerForm } from "./add-forms.js";
import { chooseEvent } from "./cover.js";
import type { AssetDeps } from "./deps.js";
import { cleanStickerFields, isEmojiName, stickerProblem } from "./names.js";
import { roomFor } from "./room.js";
import { assetImage, auditReason, dataUri, serverFor, upload } from "./upload-steps.js";

/**
 * Answered privately (deferred: Discord is asked twice), the server's room for the kind, then the asset's file on the
 * pressed message; undefined, the member told, when either is missing.
 */
async function roomAndImage(interaction: ButtonInteraction | ModalSubmitInteraction, ctx: AssetDeps, guild: Guild, kind: AssetKind, say: Translate) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const room = await roomFor(guild, kind);
  if (!room.ok) return void (await interaction.editReply(say(room.message, room.values)));
  return assetImage(interaction, interaction.message, kind, ctx, say);
}

/** A press of "Add as …": a form for emoji and stickers, the upload at once for the icon and the banner, the events to choose from for a cover. */
export async function addAsset(interaction: ButtonInteraction, ctx: AssetDeps, kind: AssetKind, ref: string | undefined): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const say = translator(locale);
  const guild = await serverFor(interaction, kind, say);
  if (!guild) return;
  if (kind === "emoji" || kind === "sticker") {
    // The job's prompt suggests a name; only a job of this server's (a forged ref must not read another's prompt).
    const job = ref ? await ctx.jobs.getByRef(ref) : undefined;
    const prompt = job && job.guildId === interaction.guildId ? (job.request.action?.basePrompt ?? job.request.prompt) : "";
    return interaction.showModal(kind === "emoji" ? emojiForm(prompt, locale) : stickerForm(prompt, locale));
  }
  if (kind === "cover") {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    return chooseEvent(interaction, ctx, guild, say);
  }
  const image = await roomAndImage(interaction, ctx, guild, kind, say);
  if (!image) return;
  const reason = auditReason(interaction);
  await upload(interaction, ctx, say, kind, async () => {
    if (kind === "icon") {
      await guild.setIcon(dataUri(image), reason);
      return say("assets.add.iconSet");
    }
    await guild.setBanner(dataUri(image), reason);
    return say("assets.add.bannerSet");
  });
}

async function addEmoji(interaction: ModalSubmitInteraction, ctx: AssetDeps, guild: Guild, say: Translate) {
  const name = readEmojiName(interaction);
  if (!isEmojiName(name)) return replyPrivately(interaction, say("assets.add.emojiNameInvalid", { name }));
  const image = await roomAndImage(interaction, ctx, guild, "emoji", say);
  if (!image) return;
  await upload(interaction, ctx, say, "emoji", async () => {
    const emoji = await guild.emojis.create({ attachment: dataUri(image), name, reason: auditReason(interaction) });
    return say("assets.add.emojiAdded", { emoji: emoji.toString(), name });
  });
}

async function addSticker(interaction: ModalSubmitInteraction, ctx: AssetDeps, guild: Guild, say: Translate) {
  const fields = cleanStickerFields(readStickerFields(interaction));
  const problem = stickerProblem(fields);
  if (problem) return replyPrivately(interaction, say("assets.add.stickerInvalid", { field: problem }));
  const image = await roomAndImage(interaction, ctx, guild, "sticker", say);
  if (!image) return;
  await upload(interaction, ctx, say, "sticker", async () => {
    const sticker = await guild.stickers.create({
      file: { attachment: image.bytes, name: "sticker.png" },
      name: fields.name,
      tags: fields.tags,
      ...(fields.description ? { description: fields.description } : {}),
      reason: auditReason(interaction),
    });
    return say("assets.add.stickerAdded", { name: sticker.name });
  });
}

/** The submit of "Add as emoji" or "Add as sticker": checked again, then the server's free slots, then the upload. */
export async function submitAssetForm(interaction: ModalSubmitInteraction, ctx: AssetDeps, kind: AssetKind): Promise<void> {
  const say = translator(resolveLocale(interaction.locale));
  const guild = await serverFor(interaction, kind, say);
  if (!guild) return;
  if (kind === "emoji") return addEmoji(interaction, ctx, guild, say);
  if (kind === "sticker") return addSticker(interaction, ctx, guild, say);
  return replyPrivately(interaction, say("generation.button.outdated"));
}
