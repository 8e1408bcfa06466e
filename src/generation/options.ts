// The slash-command options /imagine and /edit share, built from the catalog, and read back into a request.
import type { ChatInputCommandInteraction, SlashCommandBuilder, SlashCommandOptionsOnlyBuilder } from "discord.js";
import { localize, modelChoice, modelLabel, valueChoice, type CommandDescription, type SupportedLocale } from "../i18n/index.js";
import { type Catalog, type GenerationRequest, MAX_SEED, type ModelDefinition, type ModelKind, type ModelOptions } from "../models/index.js";
import type { GenerationOrder } from "./start.js";
import type { InputImage } from "./input-images.js";

type Builder = SlashCommandBuilder | SlashCommandOptionsOnlyBuilder;

/** Every value of one option that any of the models offers, each once. */
export function union(models: readonly ModelDefinition[], pick: (options: ModelOptions) => readonly string[] | undefined): string[] {
  return [...new Set(models.flatMap((model) => pick(model.options) ?? []))];
}

/** Values as a string option's choices, each labelled in every language where it has words ("auto"). */
export const choices = (values: readonly string[]) => values.map((value) => valueChoice(value));
const offering = (models: readonly ModelDefinition[], test: (options: ModelOptions) => unknown) => models.filter((model) => test(model.options));
/** `{models}`: the models' names in each language, as their choices show them. */
const modelNames = (models: readonly ModelDefinition[]) => (locale: SupportedLocale) => ({
  models: models.map((model) => modelLabel(model, locale)).join(", ").slice(0, 60),
});

export function addPromptOption(builder: Builder, models: readonly ModelDefinition[], description: CommandDescription) {
  return builder.addStringOption((o) =>
    localize(o, "prompt", description)
      .setRequired(true)
      .setMaxLength(Math.max(...models.map((m) => m.maxPromptLength))),
  );
}

/** The model choice and the knobs any model of this kind takes; each says which models take it when not all do. */
export function addModelOptions(builder: Builder, catalog: Catalog, kind: ModelKind): SlashCommandOptionsOnlyBuilder {
  const models = catalog.list(kind);
  /** The models that take an option, when not all of them do. */
  const only = (test: (options: ModelOptions) => unknown) => {
    const taking = offering(models, test);
    return taking.length === models.length ? undefined : modelNames(taking);
  };
  const resolutionsBy = only((x) => x.resolutions);
  const seedBy = only((x) => x.seed);
  const b = builder
    .addStringOption((o) =>
      localize(o, "model", "option.model", (locale) => ({ model: modelLabel(catalog.defaultFor(kind), locale) })).addChoices(...models.map((m) => modelChoice(m))),
    )
    .addStringOption((o) => localize(o, "aspect_ratio", "option.aspect_ratio").addChoices(...choices(union(models, (x) => x.aspectRatios))))
    .addStringOption((o) =>
      (resolutionsBy === undefined ? localize(o, "resolution", "option.resolution") : localize(o, "resolution", "option.resolutionOnly", resolutionsBy))
        .addChoices(...choices(union(models, (x) => x.resolutions))),
    )
    .addIntegerOption((o) => localize(o, "count", "option.count").setMinValue(1).setMaxValue(4))
    .addStringOption((o) => localize(o, "format", "option.format").addChoices(...choices(union(models, (x) => x.formats))))
    .addIntegerOption((o) =>
      (seedBy === undefined ? localize(o, "seed", "option.seed") : localize(o, "seed", "option.seedOnly", seedBy))
        .setMinValue(0)
        .setMaxValue(MAX_SEED),
    );
  return b;
}

export function addWebSearchOption(builder: Builder, catalog: Catalog, kind: ModelKind) {
  const names = modelNames(offering(catalog.list(kind), (x) => x.webSearch));
  return builder.addBooleanOption((o) => localize(o, "web_search", "option.web_search", names));
}

/** The member's saved styles, offered by autocomplete (the command's `autocomplete` answers it). */
export function addStyleOption(builder: Builder) {
  return builder.addStringOption((o) => localize(o, "style", "option.style").setAutocomplete(true).setMaxLength(100));
}

export function addPrivateOption(builder: Builder) {
  return builder.addBooleanOption((o) => localize(o, "private", "option.private"));
}

/** Everything but the images, as the member set it; unset options stay unset so the model's defaults apply. */
function readRequest(interaction: ChatInputCommandInteraction): Omit<GenerationRequest, "imageUrls"> {
  const o = interaction.options;
  const entries: [keyof GenerationRequest, unknown][] = [
    ["prompt", o.getString("prompt", true)],
    ["aspectRatio", o.getString("aspect_ratio")],
    ["resolution", o.getString("resolution")],
    ["count", o.getInteger("count")],
    ["format", o.getString("format")],
    ["seed", o.getInteger("seed")],
    ["webSearch", o.getBoolean("web_search")],
    ["negativePrompt", o.getString("negative_prompt")],
    ["steps", o.getInteger("steps")],
    ["guidance", o.getNumber("guidance")],
    ["imageSize", o.getString("image_size")],
    ["width", o.getInteger("width")],
    ["height", o.getInteger("height")],
    ["acceleration", o.getString("acceleration")],
    ["safetyChecker", o.getBoolean("safety_checker")],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== null && value !== undefined)) as Omit<
    GenerationRequest,
    "imageUrls"
  >;
}

function chosenModel(interaction: ChatInputCommandInteraction, catalog: Catalog, kind: ModelKind): ModelDefinition | undefined {
  const id = interaction.options.getString("model");
  const model = id ? catalog.get(id) : undefined;
  return model?.kind === kind ? model : undefined;
}

/** The whole order of a /imagine or /edit; what the member left unset is decided by their own defaults, then the server's settings. */
export function readOrder(
  interaction: ChatInputCommandInteraction,
  catalog: Catalog,
  kind: ModelKind,
  images: readonly InputImage[],
): GenerationOrder {
  const model = chosenModel(interaction, catalog, kind);
  const isPrivate = interaction.options.getBoolean("private");
  const style = interaction.options.getString("style")?.replace(/\s+/g, " ").trim();
  return {
    kind,
    ...(model ? { model } : {}),
    request: readRequest(interaction),
    images,
    ...(isPrivate !== null ? { private: isPrivate } : {}),
    ...(style ? { style } : {}),
    useMemberDefaults: true,
  };
}
