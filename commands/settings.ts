// /settings: a server's policy for the bot — models, defaults, quotas, budget, channels, premium roles.
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { localize } from "../src/i18n/index.js";
import { canManageServer, manageServerPermission } from "../src/discord/manage-server.js";
import { addSettingsSubcommands, type AppliedChange, applySettingsChange, describeChanges, type GuildSettings, guildSettingsSchema, readSettingsChange, settingsEmbed, settingsProblems } from "../src/settings/index.js";
import { catalog } from "../src/models/index.js";
import { resolveLocale, translator } from "../src/i18n/index.js";

const builder = localize(new SlashCommandBuilder(), "settings", "settings")
  .setDefaultMemberPermissions(manageServerPermission)
  .setContexts(0)
  .setIntegrationTypes(0);

export const data = addSettingsSubcommands(builder, catalog).toJSON();

const sameSettings = (a: GuildSettings, b: GuildSettings) =>
  JSON.stringify(guildSettingsSchema.parse(a)) === JSON.stringify(guildSettingsSchema.parse(b));

const bullets = (lines: readonly string[]) => lines.map((line) => `• ${line}`).join("\n");

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const say = translator(locale);
  const guildId = interaction.guildId;
  if (!guildId) {
    await interaction.reply({ content: say("settings.serverOnly"), flags: MessageFlags.Ephemeral });
    return;
  }
  const change = readSettingsChange(interaction);
  if (change.kind !== "view" && !canManageServer(interaction)) {
    await interaction.reply({ content: say("settings.onlyManagers"), flags: MessageFlags.Ephemeral });
    return;
  }
  // Worked out on the settings as they are when this change's turn comes, so a change made at the same moment
  // by another admin is kept.
  let outcome: { current: GuildSettings; applied: AppliedChange; problems: string[]; changed: string[] | undefined } | undefined;
  const saved = await ctx.settings.update(guildId, interaction.user.id, (current) => {
    const applied = applySettingsChange(current, change, ctx.catalog, guildId, say);
    const problems = [...applied.problems, ...(applied.problems.length ? [] : settingsProblems(applied.settings, ctx.catalog, say))];
    const changed = problems.length || sameSettings(current, applied.settings) ? undefined : describeChanges(current, applied.settings, ctx.catalog, locale);
    outcome = { current, applied, problems, changed };
    return changed ? applied.settings : undefined;
  });
  const { current, applied, problems, changed } = outcome!;
  if (problems.length) {
    await interaction.reply({
      content: say("settings.nothingSaved", { problems: bullets(problems) }).slice(0, 2000),
      embeds: [settingsEmbed(current, ctx.catalog, locale)],
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  if (changed) ctx.log.info({ guild: guildId, by: interaction.user.id, changes: changed }, "settings changed");
  const lines = changed ? [changed.length ? say("settings.savedList", { changes: bullets(changed) }) : say("settings.saved"), ...applied.notes] : [...applied.notes];
  if (!changed && !lines.length && change.kind !== "view") lines.push(say("settings.nothingChanged"));
  await interaction.reply({
    ...(lines.length ? { content: lines.join("\n").slice(0, 2000) } : {}),
    embeds: [settingsEmbed(saved, ctx.catalog, locale)],
    flags: MessageFlags.Ephemeral,
  });
}
