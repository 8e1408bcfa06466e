// /usage where no server installed the bot (a member's own install): the member's own day against the operator's limits.
import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { resolveLocale, t } from "../i18n/index.js";
import { memberSpendKey, utcDay, type LedgerRepository } from "../store/ledger.js";
import { memberUsageEmbed } from "./embeds.js";
import { userInstallSettings, type UserInstallLimits } from "./user-install.js";

export interface UserInstallUsageDeps {
  ledger: LedgerRepository;
  userInstall: UserInstallLimits;
}

export async function showUserInstallUsage(interaction: ChatInputCommandInteraction, deps: UserInstallUsageDeps, now = Date.now()): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const totals = await deps.ledger.today(memberSpendKey(interaction.user.id), interaction.user.id, utcDay(now));
  const embed = memberUsageEmbed(userInstallSettings(deps.userInstall), totals, totals.guildUsd, now, locale, true)
    .setTitle(t(locale, "install.usageTitle"))
    .setDescription(t(locale, "install.usageScope"));
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}
