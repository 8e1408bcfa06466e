// The modal that asks how to edit images picked outside a slash command (a message's images): the instruction and the model.
import {
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ModalSubmitInteraction,
} from "discord.js";
import { modelSummary, type Catalog, type ModelDefinition } from "../models/index.js";
import { quote } from "../wording.js";
import { translator, type SupportedLocale, type Translate } from "../i18n/index.js";

const PROMPT = "prompt";
const MODEL = "model";
// Discord's limits: a text input value holds at most 4000 characters, a select at most 25 options of 100-character text.
const TEXT_INPUT_MAX = 4000;
const SELECT_OPTIONS_MAX = 25;
const OPTION_TEXT_MAX = 100;

function modelOptionDescription(t: Translate, model: ModelDefinition, imageCount: number): string {
  const max = model.inputImages?.max ?? imageCount;
  if (imageCount <= max) return quote(modelSummary(model, t), OPTION_TEXT_MAX);
  return quote(t("generation.editModal.takesFewer", { max, count: imageCount }), OPTION_TEXT_MAX);
}

/** The form in `locale`, the member's language (the models' names stay as the catalog has them). */
export function editModal(customId: string, catalog: Catalog, imageCount: number, locale: SupportedLocale): ModalBuilder {
  const t = translator(locale);
  const models = catalog.list("edit").slice(0, SELECT_OPTIONS_MAX);
  const fallback = catalog.defaultFor("edit");
  const longestPrompt = Math.min(TEXT_INPUT_MAX, Math.max(...models.map((model) => model.maxPromptLength)));
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(t("generation.editModal.title", { count: imageCount }))
    .addLabelComponents(
      new LabelBuilder()
        .setLabel(t("generation.editModal.instruction"))
        .setDescription(t("generation.editModal.instructionHint"))
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(PROMPT)
            .setStyle(TextInputStyle.Paragraph)
            .setRequired(true)
            .setMinLength(1)
            .setMaxLength(longestPrompt)
            .setPlaceholder(t("generation.editModal.placeholder")),
        ),
      new LabelBuilder()
        .setLabel(t("generation.editModal.model"))
        .setStringSelectMenuComponent(
          new StringSelectMenuBuilder()
            .setCustomId(MODEL)
            .setRequired(true)
            .addOptions(
              models.map((model) => ({
                label: quote(model.name, OPTION_TEXT_MAX),
                value: model.id,
                description: modelOptionDescription(t, model, imageCount),
                default: model.id === fallback.id,
              })),
            ),
        ),
    );
}

export function readEditModal(interaction: ModalSubmitInteraction, catalog: Catalog): { prompt: string; model: ModelDefinition } {
  const [id] = interaction.fields.getStringSelectValues(MODEL);
  const chosen = id === undefined ? undefined : catalog.get(id);
  return {
    prompt: interaction.fields.getTextInputValue(PROMPT),
    model: chosen?.kind === "edit" ? chosen : catalog.defaultFor("edit"),
  };
}
