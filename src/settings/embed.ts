// A server's settings in plain words, as the embed every /settings answer carries, and what a change changed.
import { EmbedBuilder } from "discord.js";
import { type Catalog, formatSpend, type ModelKind, premiumModelIds } from "../models/index.js";
import type { GuildSettings } from "./schema.js";
import { countOf } from "../wording.js";

export interface SettingLine {
  name: string;
  value: string;
}


/** 90 → "1 minute 30 seconds", 0 → "None". */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return "None";
  const parts: [number, string][] = [
    [Math.floor(seconds / 3600), "hour"],
    [Math.floor((seconds % 3600) / 60), "minute"],
    [seconds % 60, "second"],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => countOf(n, unit))
    .join(" ");
}

function defaultModel(settings: GuildSettings, catalog: Catalog, kind: ModelKind): string {
  const id = kind === "edit" ? settings.defaultEditModel : settings.defaultTextModel;
  if (id === null) return `${catalog.defaultFor(kind).name} — the bot's default`;
  return catalog.get(id)?.name ?? `${id} (no longer offered)`;
}

function enabledModels(settings: GuildSettings, catalog: Catalog): string {
  if (settings.enabledModels === null) return "All models";
  return catalog
    .all()
    .filter((model) => settings.enabledModels?.includes(model.id))
    .map((model) => model.name)
    .join(", ");
}

// The Pro model exists as a text-to-image and an edit variant; admins know it by one name.
function premiumChoices(settings: GuildSettings, catalog: Catalog): string {
  const names = [...premiumModelIds].map((id) => (catalog.get(id)?.name ?? id).replace(/ \(edit\)$/, ""));
  return [...new Set(names), "2K and 4K resolution", `more than ${countOf(settings.premiumCountAbove, "image")} at once`].join(", ");
}

export function settingLines(settings: GuildSettings, catalog: Catalog): SettingLine[] {
  const roles = settings.premiumRoleIds.map((id) => `<@&${id}>`).join(" or ");
  return [
    { name: "Models turned on", value: enabledModels(settings, catalog) },
    { name: "Default for /imagine", value: defaultModel(settings, catalog, "text-to-image") },
    { name: "Default for /edit", value: defaultModel(settings, catalog, "edit") },
    { name: "Daily images per member", value: settings.dailyImageQuota === null ? "No limit" : String(settings.dailyImageQuota) },
    { name: "Cooldown", value: formatDuration(settings.cooldownSeconds) },
    { name: "Jobs running at once per member", value: String(settings.maxJobsInFlight) },
    { name: "Budget", value: settings.dailyBudgetUsd === null ? "No limit" : `${formatSpend(settings.dailyBudgetUsd)} per day` },
    {
      name: "Channels",
      value: settings.allowedChannelIds.length ? settings.allowedChannelIds.map((id) => `<#${id}>`).join(", ") : "Every channel",
    },
    { name: "Premium needs", value: roles || "No role: every member may use premium choices" },
    { name: "Premium choices", value: premiumChoices(settings, catalog) },
    {
      name: "Contests run by",
      value: ["Manage Server", ...settings.contestModeratorRoleIds.map((id) => `<@&${id}>`)].join(" or "),
    },
    { name: "Flagged images outside NSFW channels", value: settings.nsfwPolicy === "spoiler" ? "Posted behind a spoiler" : "Withheld" },
    { name: "Replies private by default", value: settings.privateByDefault ? "Yes" : "No" },
  ];
}

export function settingsEmbed(settings: GuildSettings, catalog: Catalog): EmbedBuilder {
  return new EmbedBuilder()
    .setTitle("Bot settings for this server")
    .setDescription("Days, quotas and budgets count in UTC. Members with Manage Server are never held back by the premium roles.")
    .addFields(settingLines(settings, catalog).map(({ name, value }) => ({ name, value: value.slice(0, 1024), inline: value.length <= 40 })));
}

/** "Daily images per member: No limit → 20", one line per setting whose wording changed. */
export function describeChanges(before: GuildSettings, after: GuildSettings, catalog: Catalog): string[] {
  const old = new Map(settingLines(before, catalog).map(({ name, value }) => [name, value]));
  return settingLines(after, catalog)
    .filter(({ name, value }) => old.get(name) !== value)
    .map(({ name, value }) => `${name}: ${old.get(name) ?? ""} → ${value}`);
}
