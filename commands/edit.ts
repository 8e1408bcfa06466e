// /edit: change one or more attached images with an instruction.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction, type SlashCommandIntegerOption } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { addModelOptions, addPrivateOption, addPromptOption, addStyleOption, addWebSearchOption, fromAttachment, readOrder, startGeneration } from "../src/generation/index.js";
import { catalog, imageSideBounds } from "../src/models/index.js";
import { styleChoices } from "../src/preferences/index.js";

// Attachment options offered; a model that takes fewer says so when more are given.
const imageOptionNames = ["image", "image2", "image3", "image4", "image5"] as const;

const fireRed = catalog.list("edit").find((model) => model.options.negativePrompt);
const fireRedName = fireRed?.name ?? "FireRed";

/** width and height: a custom output size, given together (FireRed takes image_size {width, height}). */
function sideOption(o: SlashCommandIntegerOption, side: "width" | "height") {
  const other = side === "width" ? "height" : "width";
  const bounds = fireRed?.options.customSize ?? imageSideBounds;
  return o
    .setName(side)
    .setDescription(`Output ${side} in pixels, with ${other} (${fireRedName} only; default: the input's size)`)
    .setMinValue(bounds.min)
    .setMaxValue(bounds.max);
}

const builder = new SlashCommandBuilder()
  .setName("edit")
  .setDescription("Change attached images with an instruction")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall);
addPromptOption(builder, catalog.list("edit"), "What to change, e.g. 'make the sky stormy'");
builder.addAttachmentOption((o) => o.setName("image").setDescription("The image to edit").setRequired(true));
for (const name of imageOptionNames.slice(1)) {
  builder.addAttachmentOption((o) => o.setName(name).setDescription("Another image to use (for models that take several)"));
}
addModelOptions(builder, catalog, "edit");
addStyleOption(builder);
builder
  .addStringOption((o) => o.setName("negative_prompt").setDescription(`What to avoid (${fireRedName} only)`).setMaxLength(fireRed?.maxPromptLength ?? 1500))
  .addIntegerOption((o) => {
    const steps = fireRed?.options.steps;
    return o.setName("steps").setDescription(`Inference steps (${fireRedName} only)`).setMinValue(steps?.min ?? 2).setMaxValue(steps?.max ?? 50);
  })
  .addNumberOption((o) => {
    const guidance = fireRed?.options.guidance;
    return o.setName("guidance").setDescription(`How closely to follow the prompt (${fireRedName} only)`).setMinValue(guidance?.min ?? 1).setMaxValue(guidance?.max ?? 10);
  })
  .addStringOption((o) =>
    o
      .setName("image_size")
      .setDescription(`Output size preset (${fireRedName} only; default: the input's size)`)
      .addChoices(...(fireRed?.options.imageSizes ?? []).map((value) => ({ name: value, value }))),
  )
  .addIntegerOption((o) => sideOption(o, "width"))
  .addIntegerOption((o) => sideOption(o, "height"))
  .addStringOption((o) =>
    o
      .setName("acceleration")
      .setDescription(`How much to speed up the run (${fireRedName} only; default ${fireRed?.options.defaultAcceleration ?? "regular"})`)
      .addChoices(...(fireRed?.options.accelerations ?? []).map((value) => ({ name: value, value }))),
  )
  .addBooleanOption((o) => o.setName("safety_checker").setDescription(`Flag NSFW results (${fireRedName} only; default on)`));
addWebSearchOption(builder, catalog, "edit");
addPrivateOption(builder);

export const data = builder.toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const images = imageOptionNames.flatMap((name) => {
    const attachment = interaction.options.getAttachment(name);
    return attachment ? [fromAttachment(name, attachment)] : [];
  });
  await startGeneration(interaction, readOrder(interaction, ctx.catalog, "edit", images), ctx);
}

/** The style option: the member's saved styles matching what they typed. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  await styleChoices(interaction, ctx);
}
