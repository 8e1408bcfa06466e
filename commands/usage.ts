// /usage: what a member has used today and has left; for members with Manage Server, the server's last 30 days.
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { localize } from "../src/i18n/index.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { installPlace } from "../src/discord/install-place.js";
import { canManageServer } from "../src/discord/manage-server.js";
import { showUserInstallUsage } from "../src/usage/index.js";
import { lastDays, memberUsageEmbed, renderUsageChart, serverUsageEmbed, sumSpend, usageChartFile, usageReport } from "../src/usage/index.js";
import { utcDay } from "../src/store/ledger.js";
import { resolveLocale, t } from "../src/i18n/index.js";

export const data = localize(new SlashCommandBuilder(), "usage", "usage")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall)
  .toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  // No server installed the bot here (the member's own install): their own spend against the operator's limits.
  if (installPlace(interaction).serverId === null) return showUserInstallUsage(interaction, ctx);
  const guildId = interaction.guildId;
  const locale = resolveLocale(interaction.locale);
  if (!guildId) {
    await interaction.reply({ content: t(locale, "usage.notInServer"), flags: MessageFlags.Ephemeral });
    return;
  }
  const admin = canManageServer(interaction);
  // Rendering the chart can take longer than Discord's 3 s to answer.
  if (admin) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const now = Date.now();
  const today = utcDay(now);
  const days = lastDays(today, admin ? 30 : 1);
  const [settings, totals, rows] = await Promise.all([
    ctx.settings.get(guildId),
    ctx.ledger.today(guildId, interaction.user.id, today),
    ctx.ledger.spendSince(guildId, days[0] ?? today),
  ]);
  const spentToday = sumSpend(rows.filter((row) => row.userId === interaction.user.id && row.day === today));
  const own = memberUsageEmbed(settings, totals, spentToday, now, locale);
  if (!admin) {
    await interaction.reply({ embeds: [own], flags: MessageFlags.Ephemeral });
    return;
  }
  const report = usageReport(rows, days, (id) => ctx.catalog.get(id)?.name ?? id, t(locale, "usage.serverTitle"));
  const chart = await renderUsageChart(report.chart, locale);
  await interaction.editReply({ embeds: [own, serverUsageEmbed(report, settings, locale)], files: [{ attachment: chart, name: usageChartFile }] });
}
