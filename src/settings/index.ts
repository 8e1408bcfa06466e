// Settings: each server's policy (schema and defaults), where it is kept, and /settings' changes, checks and views.
export { applySettingsChange, type AppliedChange } from "./change.js";
export { settingsProblems } from "./check.js";
export { describeChanges, settingsEmbed } from "./embed.js";
export { addSettingsSubcommands, readSettingsChange } from "./options.js";
export { defaultGuildSettings, guildSettingsSchema, type GuildSettings } from "./schema.js";
export { createGuildSettings, type SettingsRepository } from "./store.js";
