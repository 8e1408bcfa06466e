// Preferences: each member's own defaults for /imagine and /edit and their saved styles (/preferences, /style), kept
// across servers; generation applies them within each server's settings.
export type { PreferencesDeps } from "./deps.js";
export { addPreferencesSubcommands, runPreferences } from "./defaults.js";
export { MAX_STYLES, PROMPT_ADDITION_MAX, STYLE_IMAGES_MAX, STYLE_NAME_MAX } from "./schema.js";
export { createMemberPreferences, type PreferencesRepository } from "./store.js";
export { addStyleSubcommands, runStyle, styleChoices } from "./styles.js";
