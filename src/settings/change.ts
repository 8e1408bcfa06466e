// Applies one /settings change to a server's settings. The result is checked as a whole before it is saved.
import type { Catalog } from "../models/index.js";
import { defaultGuildSettings, type GuildSettings } from "./schema.js";
import type { SettingsChange } from "./options.js";
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";

export interface AppliedChange {
  settings: GuildSettings;
  /** Things to tell the admin that are not problems, e.g. "already on". */
  notes: string[];
  /** Reasons to save nothing. */
  problems: string[];
}

const unchanged = (settings: GuildSettings, note?: string): AppliedChange => ({ settings, notes: note ? [note] : [], problems: [] });

function toggleModel(settings: GuildSettings, catalog: Catalog, modelId: string, enabled: boolean, say: Translate): AppliedChange {
  const model = catalog.get(modelId);
  if (!model) return { settings, notes: [], problems: [say("settings.noModel", { id: modelId })] };
  const all = catalog.all().map((m) => m.id);
  // Ids of models that left the catalog are dropped whenever the list is edited.
  const on = new Set((settings.enabledModels ?? all).filter((id) => all.includes(id)));
  if (on.has(modelId) === enabled) return unchanged(settings, say(enabled ? "settings.modelAlreadyOn" : "settings.modelAlreadyOff", { model: model.name }));
  if (enabled) on.add(modelId);
  else on.delete(modelId);
  const enabledModels = on.size === all.length ? null : all.filter((id) => on.has(id));
  return { settings: { ...settings, enabledModels }, notes: [], problems: [] };
}

function toggleChannel(settings: GuildSettings, channelId: string, allowed: boolean, say: Translate): AppliedChange {
  const listed = settings.allowedChannelIds.includes(channelId);
  if (listed === allowed) {
    return unchanged(settings, say(allowed ? "settings.channelAlreadyListed" : "settings.channelNotListed", { channel: channelId }));
  }
  const allowedChannelIds = allowed
    ? [...settings.allowedChannelIds, channelId]
    : settings.allowedChannelIds.filter((id) => id !== channelId);
  const notes = allowedChannelIds.length === 0 ? [say("settings.noChannelsLeft")] : [];
  return { settings: { ...settings, allowedChannelIds }, notes, problems: [] };
}

function togglePremiumRole(settings: GuildSettings, guildId: string, roleId: string, required: boolean, say: Translate): AppliedChange {
  if (roleId === guildId) return { settings, notes: [], problems: [say("settings.everyonePremium")] };
  const listed = settings.premiumRoleIds.includes(roleId);
  if (listed === required) {
    return unchanged(settings, say(required ? "settings.premiumAlready" : "settings.premiumNotListed", { role: roleId }));
  }
  const premiumRoleIds = required ? [...settings.premiumRoleIds, roleId] : settings.premiumRoleIds.filter((id) => id !== roleId);
  const notes = premiumRoleIds.length === 0 ? [say("settings.noPremiumRoles")] : [];
  return { settings: { ...settings, premiumRoleIds }, notes, problems: [] };
}

function toggleContestRole(settings: GuildSettings, guildId: string, roleId: string, required: boolean, say: Translate): AppliedChange {
  if (roleId === guildId) return { settings, notes: [], problems: [say("settings.everyoneContest")] };
  const listed = settings.contestModeratorRoleIds.includes(roleId);
  if (listed === required) {
    return unchanged(settings, say(required ? "settings.contestAlready" : "settings.contestNotListed", { role: roleId }));
  }
  const contestModeratorRoleIds = required
    ? [...settings.contestModeratorRoleIds, roleId]
    : settings.contestModeratorRoleIds.filter((id) => id !== roleId);
  return { settings: { ...settings, contestModeratorRoleIds }, notes: [], problems: [] };
}

/** Applies the change; its notes and problems in `say`'s language. */
export function applySettingsChange(
  settings: GuildSettings,
  change: SettingsChange,
  catalog: Catalog,
  guildId: string,
  say: Translate = translator(fallbackLocale),
): AppliedChange {
  switch (change.kind) {
    case "view":
      return unchanged(settings);
    case "reset":
      return { settings: defaultGuildSettings, notes: [], problems: [] };
    case "set":
      if (Object.keys(change.values).length === 0) {
        return { settings, notes: [], problems: [say("settings.pickOne")] };
      }
      return { settings: { ...settings, ...change.values }, notes: [], problems: [] };
    case "model":
      return toggleModel(settings, catalog, change.modelId, change.enabled, say);
    case "channel":
      return toggleChannel(settings, change.channelId, change.allowed, say);
    case "premium-role":
      return togglePremiumRole(settings, guildId, change.roleId, change.required, say);
    case "contest-role":
      return toggleContestRole(settings, guildId, change.roleId, change.required, say);
  }
}
