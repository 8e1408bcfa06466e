// The slash-command options /imagine and /edit share, built from the catalog, and read back into a request.
import type { ChatInputCommandInteraction, SlashCommandBuilder, SlashCommandOptionsOnlyBuilder } from "discord.js";
import { type Catalog, type GenerationRequest, MAX_SEED, type ModelDefinition, type ModelKind, type ModelOptions } from "../models/index.js";
import type { GenerationOrder } from "./start.js";
import type { InputImage } from "./input-images.js";

type Builder = SlashCommandBuilder | SlashCommandOptionsOnlyBuilder;

/** Every value of one option that any of the models offers, each once. */
export function union(models: readonly ModelDefinition[], pick: (options: ModelOptions) => readonly string[] | undefined): string[] {
  return [...new Set(models.flatMap((model) => pick(model.options) ?? []))];
}

/** Values as a string option's choices. */
export const choices = (values: readonly string[]) => values.map((value) => ({ name: value, value }));
const offeredBy = (models: readonly ModelDefinition[], test: (options: ModelOptions) => unknown) =>
  models.filter((model) => test(model.options)).map((model) => model.name).join(", ");

export function addPromptOption(builder: Builder, models: readonly ModelDefinition[], description: string) {
  return builder.addStringOption((o) =>
    o
      .setName("prompt")
      .setDescription(description)
      .setRequired(true)
      .setMaxLength(Math.max(...models.map((m) => m.maxPromptLength))),
  );
}

/** The model choice and the knobs any model of this kind takes; each says which models take it when not all do. */
export function addModelOptions(builder: Builder, catalog: Catalog, kind: ModelKind): SlashCommandOptionsOnlyBuilder {
  const models = catalog.list(kind);
  const only = (test: (options: ModelOptions) => unknown) => {
    const names = offeredBy(models, test);
    return names.split(", ").length === models.length ? "" : ` (${names})`.slice(0, 60);
  };
  const b = builder
    .addStringOption((o) =>
      o
        .setName("model")
        .setDescription(`Which model; default ${catalog.defaultFor(kind).name}`)
        .addChoices(...models.map((m) => ({ name: m.name, value: m.id }))),
    )
    .addStringOption((o) =>
      o.setName("aspect_ratio").setDescription("Shape of the image").addChoices(...choices(union(models, (x) => x.aspectRatios))),
    )
    .addStringOption((o) =>
      o
        .setName("resolution")
        .setDescription(`Resolution${only((x) => x.resolutions)}`.slice(0, 100))
        .addChoices(...choices(union(models, (x) => x.resolutions))),
    )
    .addIntegerOption((o) => o.setName("count").setDescription("How many images, 1 to 4").setMinValue(1).setMaxValue(4))
    .addStringOption((o) =>
      o
        .setName("format")
        .setDescription("File format (each model's default is in /models)")
        .addChoices(...choices(union(models, (x) => x.formats))),
    )
    .addIntegerOption((o) =>
      o
        .setName("seed")
        .setDescription(`Seed, to repeat a result${only((x) => x.seed)}`.slice(0, 100))
        .setMinValue(0)
        .setMaxValue(MAX_SEED),
    );
  return b;
}

export function addWebSearchOption(builder: Builder, catalog: Catalog, kind: ModelKind) {
  const names = offeredBy(catalog.list(kind), (x) => x.webSearch);
  return builder.addBooleanOption((o) =>
    o.setName("web_search").setDescription(`Let the model look things up on the web (${names})`.slice(0, 100)),
  );
}

/** The member's saved styles, offered by autocomplete (the command's `autocomplete` answers it). */
export function addStyleOption(builder: Builder) {
  return builder.addStringOption((o) =>
    o.setName("style").setDescription("One of your saved styles (/style save): its words and reference images").setAutocomplete(true).setMaxLength(100),
  );
}

export function addPrivateOption(builder: Builder) {
  return builder.addBooleanOption((o) => o.setName("private").setDescription("Show the result only to me"));
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
