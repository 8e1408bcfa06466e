// The steps every way of adding an asset to a server shares: where it is and who may (checked at each press and
// submit), the asset's file on the pressed message, the audit log's reason, and the upload's answer or Discord's
// refusal in plain words.
import { DiscordAPIError, type ButtonInteraction, type Guild, type Message, type ModalSubmitInteraction } from "discord.js";
import { assetFileName, assetRules, type AssetFormat, type AssetKind } from "../discord/expression-rules.js";
import { installPlace } from "../discord/install-place.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { resolveLocale, t, type Translate } from "../i18n/index.js";
import { DownloadError } from "../media/download.js";
import type { AssetDeps } from "./deps.js";
import { uploadErrorText } from "./discord-errors.js";
import { addProblem, permissionName, type AddProblem } from "./permissions.js";

export type AddInteraction = ButtonInteraction | ModalSubmitInteraction;

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
export async function serverFor(interaction: AddInteraction, kind: AssetKind, say: Translate): Promise<Guild | undefined> {
  const guild = installPlace(interaction).serverId !== null && interaction.inCachedGuild() ? interaction.guild : undefined;
  const problem = addProblem({ botInServer: guild !== undefined, member: interaction.memberPermissions, app: interaction.appPermissions }, kind);
  if (problem) {
    await replyPrivately(interaction, problemText(problem, say));
    return undefined;
  }
  return guild;
}

const contentTypes: Record<AssetFormat, string> = { png: "image/png", jpeg: "image/jpeg" };

export interface AssetImage {
  bytes: Buffer;
  contentType: string;
  /** Its name on the message, e.g. "emoji.png". */
  fileName: string;
}

/** The image as a data URI of its own type: discord.js labels a Buffer image/jpg, whatever it holds. */
export function dataUri({ bytes, contentType }: AssetImage): string {
  return `data:${contentType};base64,${bytes.toString("base64")}`;
}

/**
 * The asset's file on the message pressed (the interaction's copy carries fresh links), fetched; or undefined, the
 * member told.
 */
export async function assetImage(interaction: AddInteraction, message: Message | null, kind: AssetKind, ctx: AssetDeps, say: Translate): Promise<AssetImage | undefined> {
  const files = assetRules[kind].formats.map((format) => ({ format, name: assetFileName(kind, format) }));
  let found: { url: string; format: AssetFormat; fileName: string } | undefined;
  for (const attachment of message?.attachments.values() ?? []) {
    // A flagged image posted behind a spoiler is named SPOILER_<name>.
    const format = files.find((file) => file.name === attachment.name.replace(/^SPOILER_/, ""))?.format;
    if (format) found ??= { url: attachment.url, format, fileName: attachment.name };
  }
  if (!found) {
    await interaction.editReply(say("assets.add.assetGone"));
    return undefined;
  }
  try {
    const { bytes } = await ctx.download(found.url, { maxBytes: assetRules[kind].maxBytes, timeoutMs: ctx.config.DOWNLOAD_TIMEOUT_MS });
    return { bytes, contentType: contentTypes[found.format], fileName: found.fileName };
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    ctx.log.warn({ err: error, kind }, "could not fetch an asset's file");
    await interaction.editReply(say(error.reason === "too-large" ? "assets.error.fileTooLarge" : "assets.add.fetchFailed"));
    return undefined;
  }
}

/** The audit log's reason, in the server's language: who pressed. */
export function auditReason(interaction: AddInteraction): string {
  return t(resolveLocale(interaction.guildLocale ?? undefined), "assets.auditReason", { username: interaction.user.username, id: interaction.user.id });
}

/** Runs the upload and answers with what changed, or with Discord's refusal in plain words. */
export async function upload(interaction: AddInteraction, ctx: AssetDeps, say: Translate, kind: AssetKind, send: () => Promise<string>) {
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
