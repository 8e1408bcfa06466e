// /preferences: a member's own defaults for /imagine and /edit (model, aspect ratio, resolution, private replies),
// set, shown and cleared. They are the member's on every server and apply within what each server allows.
import type { ChatInputCommandInteraction, SlashCommandBuilder, SlashCommandSubcommandsOnlyBuilder } from "discord.js";
import { choices, memberFacts, optionValues, passedOverDefaults, type MemberDefaults } from "../generation/index.js";
import { localize, modelChoice } from "../i18n/index.js";
import type { Catalog, ModelKind } from "../models/index.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { userText } from "../discord/user-text.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";
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
function readSet(interaction: ChatInputCommandInteraction, catalog: Catalog, say: Translate): Read {
  const o = interaction.options;
  const change: MemberDefaults = {};
  const problems: string[] = [];
  const model = (option: string, kind: ModelKind, command: string) => {
    const id = o.getString(option);
    if (id === null) return undefined;
    if (catalog.get(id)?.kind === kind) return id;
    problems.push(say("preferences.unknownModel", { command, id: userText(id, 100) }));
    return undefined;
  };
  const value = (option: string, allowed: readonly string[], refusal: "preferences.notOfferedAspectRatio" | "preferences.notOfferedResolution") => {
    const given = o.getString(option);
    if (given === null) return undefined;
    if (allowed.includes(given)) return given;
    problems.push(say(refusal, { value: userText(given, 100) }));
    return undefined;
  };
  const imagineModel = model("imagine_model", "text-to-image", "/imagine");
  const editModel = model("edit_model", "edit", "/edit");
  const aspectRatio = value("aspect_ratio", aspectRatiosOf(catalog), "preferences.notOfferedAspectRatio");
  const resolution = value("resolution", resolutionsOf(catalog), "preferences.notOfferedResolution");
  const isPrivate = o.getBoolean("private");
  if (imagineModel) change.imagineModel = imagineModel;
  if (editModel) change.editModel = editModel;
  if (aspectRatio) change.aspectRatio = aspectRatio;
  if (resolution) change.resolution = resolution;
  if (isPrivate !== null) change.private = isPrivate;
  return problems.length ? { ok: false, problems } : { ok: true, change };
}

/** The member's defaults in words, one bullet each. */
export function describeDefaults(defaults: MemberDefaults, catalog: Catalog, say: Translate): string[] {
  const model = (id: string | undefined) => (id ? (catalog.get(id)?.name ?? id) : say("preferences.notSetServer"));
  const value = (v: string | undefined) => (v ? say("preferences.withModels", { value: v }) : say("preferences.notSetModel"));
  const isPrivate =
    defaults.private === undefined ? say("preferences.notSetServer") : say(defaults.private ? "preferences.yes" : "preferences.no");
  return [
    say("preferences.lineImagineModel", { value: model(defaults.imagineModel) }),
    say("preferences.lineEditModel", { value: model(defaults.editModel) }),
    say("preferences.lineAspectRatio", { value: value(defaults.aspectRatio) }),
    say("preferences.lineResolution", { value: value(defaults.resolution) }),
    say("preferences.linePrivate", { value: isPrivate }),
  ];
}

async function summary(interaction: ChatInputCommandInteraction, defaults: MemberDefaults, deps: PreferencesDeps, say: Translate): Promise<string[]> {
  const styles = await deps.preferences.styles(interaction.user.id);
  const lines = [
    say("preferences.yourDefaults"),
    ...describeDefaults(defaults, deps.catalog, say),
    say("preferences.stylesSaved", { count: styles.length, max: MAX_STYLES }),
  ];
  // Only a server that installed the bot has settings to pass a default over (not a member's own install elsewhere).
  const serverId = installPlace(interaction).serverId;
  if (serverId) {
    const settings = await deps.settings.get(serverId);
    const passedOver = passedOverDefaults(defaults, settings, memberFacts(interaction), deps.catalog, resolveLocale(interaction.locale));
    if (passedOver.length) lines.push("", say("preferences.onThisServer"), ...passedOver.map((line) => `• ${line}`));
  }
  return lines;
}

export async function runPreferences(interaction: ChatInputCommandInteraction, deps: PreferencesDeps): Promise<void> {
  const userId = interaction.user.id;
  const say = translator(resolveLocale(interaction.locale));
  const sub = interaction.options.getSubcommand(true);
  if (sub === "clear") {
    const had = await deps.preferences.clearDefaults(userId);
    return replyPrivately(interaction, say(had ? "preferences.cleared" : "preferences.nothingToClear"));
  }
  if (sub === "show") return replyPrivately(interaction, (await summary(interaction, await deps.preferences.defaults(userId), deps, say)).join("\n"));
  const read = readSet(interaction, deps.catalog, say);
  if (!read.ok) return replyPrivately(interaction, say("preferences.nothingSaved", { problems: read.problems.map((p) => `• ${p}`).join("\n") }));
  if (!Object.keys(read.change).length) return replyPrivately(interaction, say("preferences.chooseOne"));
  const saved = { ...(await deps.preferences.defaults(userId)), ...read.change };
  await deps.preferences.saveDefaults(userId, saved);
  deps.log.info({ user: userId, defaults: saved }, "member defaults saved");
  return replyPrivately(interaction, [say("preferences.saved"), ...(await summary(interaction, saved, deps, say))].join("\n"));
}
