// /usage where no server installed the bot (a member's own install): the member's own day against the operator's limits.
import { EmbedBuilder, MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { resolveLocale, translator } from "../i18n/index.js";
import { memberSpendKey, utcDay, type LedgerRepository } from "../store/ledger.js";
import { nextUtcMidnight } from "./admission.js";
import type { UserInstallLimits } from "./user-install.js";

export interface UserInstallUsageDeps {
  ledger: LedgerRepository;
  userInstall: UserInstallLimits;
}

export async function showUserInstallUsage(interaction: ChatInputCommandInteraction, deps: UserInstallUsageDeps, now = Date.now()): Promise<void> {
  const say = translator(resolveLocale(interaction.locale));
  const limits = deps.userInstall;
  const totals = await deps.ledger.today(memberSpendKey(interaction.user.id), interaction.user.id, utcDay(now));
  const embed = new EmbedBuilder()
    .setTitle(say("install.usageTitle"))
    .setDescription(say("install.usageScope"))
    .addFields(
      {
        name: say("install.usageImages"),
        value: say("install.usageImagesValue", {
          used: totals.memberImages,
          quota: limits.dailyImages,
          left: Math.max(0, limits.dailyImages - totals.memberImages),
        }),
        inline: true,
      },
      { name: say("install.usageSpent"), value: say("install.usageSpentValue", { spent: totals.guildUsd, budget: limits.dailyBudgetUsd }), inline: true },
      { name: say("install.usageJobs"), value: say("install.usageJobsValue", { running: totals.memberInFlight, max: limits.maxJobs }), inline: true },
      {
        name: say("install.usageResets"),
        value: say("install.usageResetsValue", { resets: `<t:${Math.ceil(nextUtcMidnight(now) / 1000)}:R>` }),
        inline: true,
      },
    );
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}
