// Applies one /settings change to a server's settings. The result is checked as a whole before it is saved.
import type { Catalog } from "../models/index.js";
import { defaultGuildSettings, type GuildSettings } from "./schema.js";
import type { SettingsChange } from "./options.js";

export interface AppliedChange {
  settings: GuildSettings;
  /** Things to tell the admin that are not problems, e.g. "already on". */
  notes: string[];
  /** Reasons to save nothing. */
  problems: string[];
}

const unchanged = (settings: GuildSettings, note?: string): AppliedChange => ({ settings, notes: note ? [note] : [], problems: [] });

function toggleModel(settings: GuildSettings, catalog: Catalog, modelId: string, enabled: boolean): AppliedChange {
  const model = catalog.get(modelId);
  if (!model) return { settings, notes: [], problems: [`There is no model "${modelId}". Pick one from the list.`] };
  const all = catalog.all().map((m) => m.id);
  // Ids of models that left the catalog are dropped whenever the list is edited.
  const on = new Set((settings.enabledModels ?? all).filter((id) => all.includes(id)));
  if (on.has(modelId) === enabled) return unchanged(settings, `${model.name} is already ${enabled ? "on" : "off"}.`);
  if (enabled) on.add(modelId);
  else on.delete(modelId);
  const enabledModels = on.size === all.length ? null : all.filter((id) => on.has(id));
  return { settings: { ...settings, enabledModels }, notes: [], problems: [] };
}

function toggleChannel(settings: GuildSettings, channelId: string, allowed: boolean): AppliedChange {
  const listed = settings.allowedChannelIds.includes(channelId);
  if (listed === allowed) {
    return unchanged(settings, allowed ? `<#${channelId}> is already on the list.` : `<#${channelId}> was not on the list.`);
  }
  const allowedChannelIds = allowed
    ? [...settings.allowedChannelIds, channelId]
    : settings.allowedChannelIds.filter((id) => id !== channelId);
  const notes = allowedChannelIds.length === 0 ? ["No channel is on the list now, so the bot can be used in every channel."] : [];
  return { settings: { ...settings, allowedChannelIds }, notes, problems: [] };
}

function togglePremiumRole(settings: GuildSettings, guildId: string, roleId: string, required: boolean): AppliedChange {
  if (roleId === guildId) {
    return {
      settings,
      notes: [],
      problems: ["Every member has @everyone, so it cannot gate premium choices. To let everyone use them, remove the premium roles instead."],
    };
  }
  const listed = settings.premiumRoleIds.includes(roleId);
  if (listed === required) {
    return unchanged(settings, required ? `<@&${roleId}> already unlocks premium choices.` : `<@&${roleId}> was not a premium role.`);
  }
  const premiumRoleIds = required ? [...settings.premiumRoleIds, roleId] : settings.premiumRoleIds.filter((id) => id !== roleId);
  const notes = premiumRoleIds.length === 0 ? ["No role is required now, so every member may use premium choices."] : [];
  return { settings: { ...settings, premiumRoleIds }, notes, problems: [] };
}

function toggleContestRole(settings: GuildSettings, guildId: string, roleId: string, required: boolean): AppliedChange {
  if (roleId === guildId) {
    return { settings, notes: [], problems: ["Every member has @everyone; pick a role that only contest moderators have."] };
  }
  const listed = settings.contestModeratorRoleIds.includes(roleId);
  if (listed === required) {
    return unchanged(settings, required ? `<@&${roleId}> can already run contests.` : `<@&${roleId}> was not a contest role.`);
  }
  const contestModeratorRoleIds = required
    ? [...settings.contestModeratorRoleIds, roleId]
    : settings.contestModeratorRoleIds.filter((id) => id !== roleId);
  return { settings: { ...settings, contestModeratorRoleIds }, notes: [], problems: [] };
}

export function applySettingsChange(settings: GuildSettings, change: SettingsChange, catalog: Catalog, guildId: string): AppliedChange {
  switch (change.kind) {
    case "view":
      return unchanged(settings);
    case "reset":
      return { settings: defaultGuildSettings, notes: [], problems: [] };
    case "set":
      if (Object.keys(change.values).length === 0) {
        return { settings, notes: [], problems: ["Pick at least one setting to change (the options of `/settings set`)."] };
      }
      return { settings: { ...settings, ...change.values }, notes: [], problems: [] };
    case "model":
      return toggleModel(settings, catalog, change.modelId, change.enabled);
    case "channel":
      return toggleChannel(settings, change.channelId, change.allowed);
    case "premium-role":
      return togglePremiumRole(settings, guildId, change.roleId, change.required);
    case "contest-role":
      return toggleContestRole(settings, guildId, change.roleId, change.required);
  }
}
