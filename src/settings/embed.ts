// A server's settings in plain words, as the embed every /settings answer carries, and what a change changed.
import { EmbedBuilder } from "discord.js";
import { type Catalog, formatSpend, type ModelKind, premiumModelIds } from "../models/index.js";
import type { GuildSettings } from "./schema.js";
import { fallbackLocale, listOr, translator, type SupportedLocale, type Translate } from "../i18n/index.js";

export interface SettingLine {
  name: string;
  value: string;
}


/** 90 → "1 minute 30 seconds", 0 → "None" (in `say`'s language). */
export function formatDuration(seconds: number, say: Translate = translator(fallbackLocale)): string {
  if (seconds <= 0) return say("settings.durationNone");
  const parts = [
    say("settings.hours", { count: Math.floor(seconds / 3600) }),
    say("settings.minutes", { count: Math.floor((seconds % 3600) / 60) }),
    say("settings.seconds", { count: seconds % 60 }),
  ];
  const counts = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return parts.filter((_, i) => counts[i]! > 0).join(" ");
}

function defaultModel(settings: GuildSettings, catalog: Catalog, kind: ModelKind, say: Translate): string {
  const id = kind === "edit" ? settings.defaultEditModel : settings.defaultTextModel;
  if (id === null) return say("settings.botDefault", { model: catalog.defaultFor(kind).name });
  return catalog.get(id)?.name ?? say("settings.noLongerOffered", { id });
}

function enabledModels(settings: GuildSettings, catalog: Catalog, say: Translate): string {
  if (settings.enabledModels === null) return say("settings.allModels");
  return catalog
    .all()
    .filter((model) => settings.enabledModels?.includes(model.id))
    .map((model) => model.name)
    .join(", ");
}

// The Pro model exists as a text-to-image and an edit variant; admins know it by one name.
function premiumChoices(settings: GuildSettings, catalog: Catalog, say: Translate): string {
  const names = [...premiumModelIds].map((id) => (catalog.get(id)?.name ?? id).replace(/ \(edit\)$/, ""));
  return [...new Set(names), say("settings.premiumResolutions"), say("settings.premiumMoreThan", { count: settings.premiumCountAbove })].join(", ");
}

/** Each setting's name and value, in `locale`. */
export function settingLines(settings: GuildSettings, catalog: Catalog, locale: SupportedLocale = fallbackLocale): SettingLine[] {
  const say = translator(locale);
  const roles = listOr(locale, settings.premiumRoleIds.map((id) => `<@&${id}>`));
  return [
    { name: say("settings.fieldModelsOn"), value: enabledModels(settings, catalog, say) },
    { name: say("settings.fieldDefaultImagine"), value: defaultModel(settings, catalog, "text-to-image", say) },
    { name: say("settings.fieldDefaultEdit"), value: defaultModel(settings, catalog, "edit", say) },
    { name: say("settings.fieldDailyImages"), value: settings.dailyImageQuota === null ? say("settings.noLimit") : String(settings.dailyImageQuota) },
    { name: say("settings.fieldCooldown"), value: formatDuration(settings.cooldownSeconds, say) },
    { name: say("settings.fieldJobsAtOnce"), value: String(settings.maxJobsInFlight) },
    {
      name: say("settings.fieldBudget"),
      value: settings.dailyBudgetUsd === null ? say("settings.noLimit") : say("settings.perDay", { usd: formatSpend(settings.dailyBudgetUsd) }),
    },
    {
      name: say("settings.fieldChannels"),
      value: settings.allowedChannelIds.length ? settings.allowedChannelIds.map((id) => `<#${id}>`).join(", ") : say("settings.everyChannel"),
    },
    { name: say("settings.fieldPremiumNeeds"), value: roles || say("settings.noPremiumRole") },
    { name: say("settings.fieldPremiumChoices"), value: premiumChoices(settings, catalog, say) },
    {
      name: say("settings.fieldContestsBy"),
      value: listOr(locale, [say("settings.manageServer"), ...settings.contestModeratorRoleIds.map((id) => `<@&${id}>`)]),
    },
    { name: say("settings.fieldFlagged"), value: say(settings.nsfwPolicy === "spoiler" ? "settings.spoiler" : "settings.withheld") },
    { name: say("settings.fieldPrivate"), value: say(settings.privateByDefault ? "settings.yes" : "settings.no") },
  ];
}

export function settingsEmbed(settings: GuildSettings, catalog: Catalog, locale: SupportedLocale = fallbackLocale): EmbedBuilder {
  const say = translator(locale);
  return new EmbedBuilder()
    .setTitle(say("settings.title"))
    .setDescription(say("settings.description"))
    .addFields(settingLines(settings, catalog, locale).map(({ name, value }) => ({ name, value: value.slice(0, 1024), inline: value.length <= 40 })));
}

/** "Daily images per member: No limit → 20", one line per setting whose wording changed. */
export function describeChanges(before: GuildSettings, after: GuildSettings, catalog: Catalog, locale: SupportedLocale = fallbackLocale): string[] {
  const old = new Map(settingLines(before, catalog, locale).map(({ name, value }) => [name, value]));
  return settingLines(after, catalog, locale)
    .filter(({ name, value }) => old.get(name) !== value)
    .map(({ name, value }) => `${name}: ${old.get(name) ?? ""} → ${value}`);
}
