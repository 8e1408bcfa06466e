// The one-press buttons under an asset ("Add as emoji", "Add as sticker", "Set as server icon", "Set as banner") and
// the forms they open. Each press, and each form's submit, checks again where it is and who may do it; then the
// server's own limits (free slots, the banner's boost level); only then is the asset's file fetched and uploaded, so a
// refusal changes nothing. The audit log names the member who pressed.
import { DiscordAPIError, MessageFlags, type ButtonInteraction, type Guild, type Message, type ModalSubmitInteraction } from "discord.js";
import {
  assetFileName,
  assetRules,
  bannerFeature,
  emojiSlotsByTier,
  stickerSlotsByTier,
  type AssetFormat,
  type AssetKind,
} from "../discord/expression-rules.js";
import { installPlace } from "../discord/install-place.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { resolveLocale, t, translator, type Translate } from "../i18n/index.js";
import { DownloadError } from "../media/download.js";
import { hasAddButton } from "./asset-buttons.js";
import { emojiForm, readEmojiName, readStickerFields, stickerForm } from "./add-forms.js";
import type { AssetDeps } from "./deps.js";
import { uploadErrorText } from "./discord-errors.js";
import { cleanStickerFields, isEmojiName, stickerProblem } from "./names.js";
import { addProblem, permissionName, type AddProblem } from "./permissions.js";

type AddInteraction = ButtonInteraction | ModalSubmitInteraction;

function problemText(problem: AddProblem, say: Translate): string {
  switch (problem.kind) {
    case "not-in-server":
      return say("assets.add.notInServer");
    case "member":
      return say("assets.add.memberMissing", { permission: say(permissionName(problem.permission)) });
    case "bot":
      return say("assets.add.botMissing", { permission: say(permissionName(problem.permission)) });
  }
}

/** The server to add to, when the bot is in it and both the member and the bot may; else the member is told why not. */
async function serverFor(interaction: AddInteraction, kind: AssetKind, say: Translate): Promise<Guild | undefined> {
  const guild = installPlace(interaction).serverId !== null && interaction.inCachedGuild() ? interaction.guild : undefined;
  const problem = addProblem({ botInServer: guild !== undefined, member: interaction.memberPermissions, app: interaction.appPermissions }, kind);
  if (problem) {
    await replyPrivately(interaction, problemText(problem, say));
    return undefined;
  }
  return guild;
}

const contentTypes: Record<AssetFormat, string> = { png: "image/png", jpeg: "image/jpeg" };

interface AssetImage {
  bytes: Buffer;
  contentType: string;
}

/** The image as a data URI of its own type: discord.js labels a Buffer image/jpg, whatever it holds. */
function dataUri({ bytes, contentType }: AssetImage): string {
  return `data:${contentType};base64,${bytes.toString("base64")}`;
}

/**
 * The asset's file on the message pressed (the interaction's copy carries fresh links), fetched; or undefined, the
 * member told.
 */
async function assetImage(interaction: AddInteraction, message: Message | null, kind: AssetKind, ctx: AssetDeps, say: Translate): Promise<AssetImage | undefined> {
  const files = assetRules[kind].formats.map((format) => ({ format, name: assetFileName(kind, format) }));
  let found: { url: string; format: AssetFormat } | undefined;
  for (const attachment of message?.attachments.values() ?? []) {
    const format = files.find((file) => file.name === attachment.name)?.format;
    if (format) found ??= { url: attachment.url, format };
  }
  if (!found) {
    await interaction.editReply(say("assets.add.assetGone"));
    return undefined;
  }
  try {
    const { bytes } = await ctx.download(found.url, { maxBytes: assetRules[kind].maxBytes, timeoutMs: ctx.config.DOWNLOAD_TIMEOUT_MS });
    return { bytes, contentType: contentTypes[found.format] };
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    ctx.log.warn({ err: error, kind }, "could not fetch an asset's file");
    await interaction.editReply(say(error.reason === "too-large" ? "assets.error.fileTooLarge" : "assets.add.fetchFailed"));
    return undefined;
  }
}

/** The audit log's reason, in the server's language: who pressed. */
function auditReason(interaction: AddInteraction): string {
  return t(resolveLocale(interaction.guildLocale ?? undefined), "assets.auditReason", { username: interaction.user.username, id: interaction.user.id });
}

/** Runs the upload and answers with what changed, or with Discord's refusal in plain words. */
async function upload(interaction: AddInteraction, ctx: AssetDeps, say: Translate, kind: AssetKind, send: () => Promise<string>) {
  let text: string;
  try {
    text = await send();
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    ctx.log.info({ code: error.code, status: error.status, kind, guild: interaction.guildId }, "Discord refused an asset");
    await interaction.editReply(uploadErrorText(error, say));
    return;
  }
  ctx.log.info({ kind, guild: interaction.guildId, by: interaction.user.id }, "asset added to the server");
  await interaction.editReply(text);
}

/** A press of "Add as …": a form for emoji and stickers, the upload at once for the icon and the banner. */
export async function addAsset(interaction: ButtonInteraction, ctx: AssetDeps, kind: AssetKind, ref: string | undefined): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const say = translator(locale);
  const guild = await serverFor(interaction, kind, say);
  if (!guild) return;
  if (!hasAddButton(kind)) return replyPrivately(interaction, say("assets.add.coverNotHere"));
  if (kind === "emoji" || kind === "sticker") {
    // The job's prompt suggests a name; only a job of this server's (a forged ref must not read another's prompt).
    const job = ref ? await ctx.jobs.getByRef(ref) : undefined;
    const prompt = job && job.guildId === interaction.guildId ? (job.request.action?.basePrompt ?? job.request.prompt) : "";
    return interaction.showModal(kind === "emoji" ? emojiForm(prompt, locale) : stickerForm(prompt, locale));
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (kind === "banner") {
    const fresh = await guild.fetch();
    if (!fresh.features.includes(bannerFeature)) return void (await interaction.editReply(say("assets.add.bannerNeedsBoost", { tier: fresh.premiumTier })));
  }
  const image = await assetImage(interaction, interaction.message, kind, ctx, say);
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
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const [fresh, emojis] = await Promise.all([guild.fetch(), guild.emojis.fetch()]);
  const slots = emojiSlotsByTier[fresh.premiumTier] ?? emojiSlotsByTier[0];
  if (emojis.filter((emoji) => !emoji.animated).size >= slots) {
    return void (await interaction.editReply(say("assets.add.emojiSlotsFull", { slots, tier: fresh.premiumTier })));
  }
  const image = await assetImage(interaction, interaction.message, "emoji", ctx, say);
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
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const [fresh, stickers] = await Promise.all([guild.fetch(), guild.stickers.fetch()]);
  const slots = stickerSlotsByTier[fresh.premiumTier] ?? stickerSlotsByTier[0];
  if (stickers.size >= slots) return void (await interaction.editReply(say("assets.add.stickerSlotsFull", { slots, tier: fresh.premiumTier })));
  const image = await assetImage(interaction, interaction.message, "sticker", ctx, say);
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
  return replyPrivately(interaction, say("assets.add.coverNotHere"));
}
