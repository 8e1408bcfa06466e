// /asset: a picture made for one of the server's own images. The member must be allowed to make that kind here,
// falcord to add it, and the server must have room for it, all checked before anything is spent; the job asks the
// model for the kind's shape, removes the background of emoji and stickers unless told not to, and its result is
// fitted to Discord's rules for the kind, with the button that adds it to the server (see the runner's steps and
// assetResultButtons).
import type { ChatInputCommandInteraction } from "discord.js";
import { fromAttachment, startGeneration, type GenerationDeps } from "../generation/index.js";
import { assetRules, isAssetKind, type AssetKind } from "../discord/expression-rules.js";
import { installPlace } from "../discord/install-place.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { resolveLocale, t, type SupportedLocale } from "../i18n/index.js";
import { assetPrompt } from "./asset-prompt.js";
import { addProblem, permissionName } from "./permissions.js";
import { roomFor } from "./room.js";

/** Why this interaction may not start an asset of `kind`, in the member's language; undefined when it may. */
function commandProblem(interaction: ChatInputCommandInteraction, kind: AssetKind, locale: SupportedLocale): string | undefined {
  // Adding to a server takes the bot in it: a member's own install elsewhere could make the file, never add it.
  const botInServer = interaction.inGuild() && installPlace(interaction).serverId === interaction.guildId;
  const problem = addProblem({ botInServer, member: interaction.memberPermissions, app: interaction.appPermissions }, kind);
  if (!problem) return undefined;
  if (problem.kind === "not-in-server") return t(locale, "assetCommand.needsServer");
  const permission = t(locale, permissionName(problem.permission));
  return t(locale, problem.kind === "member" ? "assetCommand.memberMissing" : "assetCommand.botMissing", { kind, permission });
}

export async function runAssetCommand(interaction: ChatInputCommandInteraction, ctx: GenerationDeps): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const kind = interaction.options.getString("kind", true);
  if (!isAssetKind(kind)) throw new Error(`/asset: unknown kind "${kind}"`);
  const problem = commandProblem(interaction, kind, locale);
  if (problem) return replyPrivately(interaction, problem);
  // No slot free, no banner at this boost level: said before anything is made, as the press would say it after.
  const room = interaction.guild ? await roomFor(interaction.guild, kind) : { ok: true as const };
  if (!room.ok) return replyPrivately(interaction, t(locale, room.message, room.values));
  const words = interaction.options.getString("prompt", true);
  const image = interaction.options.getAttachment("image");
  const transparent = assetRules[kind].transparency && (interaction.options.getBoolean("remove_background") ?? true);
  const isPrivate = interaction.options.getBoolean("private");
  await startGeneration(
    interaction,
    {
      kind: image ? "edit" : "text-to-image",
      request: {
        prompt: assetPrompt(kind, words, transparent),
        asset: { kind, transparent },
        // The result shows the kind and the member's words, not the instructions around them.
        action: { label: t(locale, "assetCommand.label", { kind }), basePrompt: words },
      },
      images: image ? [fromAttachment("image", image)] : [],
      ...(isPrivate !== null ? { private: isPrivate } : {}),
      useMemberDefaults: true,
    },
    ctx,
  );
}
