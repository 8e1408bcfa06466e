// /edit: change one or more attached images with an instruction.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction, type SlashCommandIntegerOption } from "discord.js";
import type { AppContext } from "../src/context.js";
import { addModelOptions, addPrivateOption, addPromptOption, addStyleOption, addWebSearchOption, choices, fromAttachment, readOrder, startGeneration } from "../src/generation/index.js";
import { localize } from "../src/i18n/index.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { catalog, imageSideBounds } from "../src/models/index.js";
import { styleChoices } from "../src/preferences/index.js";

// Attachment options offered; a model that takes fewer says so when more are given.
const imageOptionNames = ["image", "image2", "image3", "image4", "image5"] as const;

const fireRed = catalog.list("edit").find((model) => model.options.negativePrompt);
const fireRedName = fireRed?.name ?? "FireRed";

/** width and height: a custom output size, given together (FireRed takes image_size {width, height}). */
function sideOption(o: SlashCommandIntegerOption, side: "width" | "height") {
  const bounds = fireRed?.options.customSize ?? imageSideBounds;
  return localize(o, side, side === "width" ? "edit.width" : "edit.height", { model: fireRedName }).setMinValue(bounds.min).setMaxValue(bounds.max);
}

const builder = localize(new SlashCommandBuilder(), "edit", "edit")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall);
addPromptOption(builder, catalog.list("edit"), "edit.prompt");
builder.addAttachmentOption((o) => localize(o, "image", "edit.image").setRequired(true));
for (const name of imageOptionNames.slice(1)) {
  builder.addAttachmentOption((o) => localize(o, name, "edit.moreImages"));
}
addModelOptions(builder, catalog, "edit");
addStyleOption(builder);
const only = { model: fireRedName };
builder
  .addStringOption((o) => localize(o, "negative_prompt", "edit.negative_prompt", only).setMaxLength(fireRed?.maxPromptLength ?? 1500))
  .addIntegerOption((o) => {
    const steps = fireRed?.options.steps;
    return localize(o, "steps", "edit.steps", only).setMinValue(steps?.min ?? 2).setMaxValue(steps?.max ?? 50);
  })
  .addNumberOption((o) => {
    const guidance = fireRed?.options.guidance;
    return localize(o, "guidance", "edit.guidance", only).setMinValue(guidance?.min ?? 1).setMaxValue(guidance?.max ?? 10);
  })
  .addStringOption((o) => localize(o, "image_size", "edit.image_size", only).addChoices(...choices(fireRed?.options.imageSizes ?? [])))
  .addIntegerOption((o) => sideOption(o, "width"))
  .addIntegerOption((o) => sideOption(o, "height"))
  .addStringOption((o) =>
    localize(o, "acceleration", "edit.acceleration", { ...only, default: fireRed?.options.defaultAcceleration ?? "regular" }).addChoices(
      ...choices(fireRed?.options.accelerations ?? []),
    ),
  )
  .addBooleanOption((o) => localize(o, "safety_checker", "edit.safety_checker", only));
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
