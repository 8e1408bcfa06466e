// /preferences: a member's own defaults for /imagine and /edit (model, aspect ratio, resolution, private replies),
// set, shown and cleared. They are the member's on every server and apply within what each server allows.
import type { ChatInputCommandInteraction, SlashCommandBuilder, SlashCommandSubcommandsOnlyBuilder } from "discord.js";
import { choices, memberFacts, optionValues, passedOverDefaults, type MemberDefaults } from "../generation/index.js";
import { localize, modelChoice } from "../i18n/index.js";
import type { Catalog, ModelKind } from "../models/index.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { userText } from "../discord/user-text.js";
import { countOf } from "../wording.js";
import type { PreferencesDeps } from "./deps.js";
import { MAX_STYLES } from "./schema.js";
import { installPlace } from "../discord/install-place.js";

const aspectRatiosOf = (catalog: Catalog) => optionValues(catalog.all(), (options) => options.aspectRatios);
const resolutionsOf = (catalog: Catalog) => optionValues(catalog.all(), (options) => options.resolutions);

export function addPreferencesSubcommands(builder: SlashCommandBuilder, catalog: Catalog): SlashCommandSubcommandsOnlyBuilder {
  const models = (kind: ModelKind) => catalog.list(kind).map((model) => modelChoice(model));
  return builder
    .addSubcommand((s) =>
      localize(s, "set", "preferences.set")
        .addStringOption((o) => localize(o, "imagine_model", "preferences.imagine_model").addChoices(...models("text-to-image")))
        .addStringOption((o) => localize(o, "edit_model", "preferences.edit_model").addChoices(...models("edit")))
        .addStringOption((o) => localize(o, "aspect_ratio", "preferences.aspect_ratio").addChoices(...choices(aspectRatiosOf(catalog))))
        .addStringOption((o) => localize(o, "resolution", "preferences.resolution").addChoices(...choices(resolutionsOf(catalog))))
        .addBooleanOption((o) => localize(o, "private", "preferences.private")),
    )
    .addSubcommand((s) => localize(s, "show", "preferences.show"))
    .addSubcommand((s) => localize(s, "clear", "preferences.clear"));
}

type Read = { ok: true; change: MemberDefaults } | { ok: false; problems: string[] };

/** The options given to `set`, each checked against the catalog (Discord offers only these, a modified client may not). */
function readSet(interaction: ChatInputCommandInteraction, catalog: Catalog): Read {
  const o = interaction.options;
  const change: MemberDefaults = {};
  const problems: string[] = [];
  const model = (option: string, kind: ModelKind, label: string) => {
    const id = o.getString(option);
    if (id === null) return undefined;
    if (catalog.get(id)?.kind === kind) return id;
    problems.push(`There is no ${label} model “${userText(id, 100)}”; pick one from the list.`);
    return undefined;
  };
  const value = (option: string, allowed: readonly string[], label: string) => {
    const given = o.getString(option);
    if (given === null) return undefined;
    if (allowed.includes(given)) return given;
    problems.push(`“${userText(given, 100)}” is not ${label} any model offers; pick one from the list.`);
    return undefined;
  };
  const imagineModel = model("imagine_model", "text-to-image", "/imagine");
  const editModel = model("edit_model", "edit", "/edit");
  const aspectRatio = value("aspect_ratio", aspectRatiosOf(catalog), "an aspect ratio");
  const resolution = value("resolution", resolutionsOf(catalog), "a resolution");
  const isPrivate = o.getBoolean("private");
  if (imagineModel) change.imagineModel = imagineModel;
  if (editModel) change.editModel = editModel;
  if (aspectRatio) change.aspectRatio = aspectRatio;
  if (resolution) change.resolution = resolution;
  if (isPrivate !== null) change.private = isPrivate;
  return problems.length ? { ok: false, problems } : { ok: true, change };
}

/** The member's defaults in words, one bullet each. */
export function describeDefaults(defaults: MemberDefaults, catalog: Catalog): string[] {
  const model = (id: string | undefined) => (id ? (catalog.get(id)?.name ?? id) : "not set: the server's default");
  const value = (v: string | undefined) => (v ? `${v} (with models that offer it)` : "not set: the model's default");
  const isPrivate = defaults.private === undefined ? "not set: the server's default" : defaults.private ? "yes" : "no";
  return [
    `• /imagine model: ${model(defaults.imagineModel)}`,
    `• /edit model: ${model(defaults.editModel)}`,
    `• Aspect ratio: ${value(defaults.aspectRatio)}`,
    `• Resolution: ${value(defaults.resolution)}`,
    `• Private replies: ${isPrivate}`,
  ];
}

async function summary(interaction: ChatInputCommandInteraction, defaults: MemberDefaults, deps: PreferencesDeps): Promise<string[]> {
  const styles = await deps.preferences.styles(interaction.user.id);
  const lines = [
    "**Your defaults** (yours on every server; an option you choose in a command wins over them):",
    ...describeDefaults(defaults, deps.catalog),
    `Styles: ${countOf(styles.length, "style")} saved of ${MAX_STYLES} (\`/style list\`).`,
  ];
  // Only a server that installed the bot has settings to pass a default over (not a member's own install elsewhere).
  const serverId = installPlace(interaction).serverId;
  if (serverId) {
    const settings = await deps.settings.get(serverId);
    const passedOver = passedOverDefaults(defaults, settings, memberFacts(interaction), deps.catalog);
    if (passedOver.length) lines.push("", "On this server:", ...passedOver.map((line) => `• ${line}`));
  }
  return lines;
}

export async function runPreferences(interaction: ChatInputCommandInteraction, deps: PreferencesDeps): Promise<void> {
  const userId = interaction.user.id;
  const sub = interaction.options.getSubcommand(true);
  if (sub === "clear") {
    const had = await deps.preferences.clearDefaults(userId);
    return replyPrivately(
      interaction,
      had
        ? "Your defaults are cleared: each server's defaults apply again. Your styles are kept (`/style delete` removes one)."
        : "You had no defaults set, so nothing changed.",
    );
  }
  if (sub === "show") return replyPrivately(interaction, (await summary(interaction, await deps.preferences.defaults(userId), deps)).join("\n"));
  const read = readSet(interaction, deps.catalog);
  if (!read.ok) return replyPrivately(interaction, `Nothing was saved. Please change this:\n${read.problems.map((p) => `• ${p}`).join("\n")}`);
  if (!Object.keys(read.change).length) {
    return replyPrivately(interaction, "Choose at least one default to set: `imagine_model`, `edit_model`, `aspect_ratio`, `resolution` or `private`.");
  }
  const saved = { ...(await deps.preferences.defaults(userId)), ...read.change };
  await deps.preferences.saveDefaults(userId, saved);
  deps.log.info({ user: userId, defaults: saved }, "member defaults saved");
  return replyPrivately(interaction, ["Saved.", ...(await summary(interaction, saved, deps))].join("\n"));
}
