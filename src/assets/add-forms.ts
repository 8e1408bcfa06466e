// The forms of "Add as emoji" (the emoji's name) and "Add as sticker" (name, related emoji, description), each
// prefilled with a name suggested from the prompt, and their answers read back.
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from "discord.js";
import {
  stickerDescriptionLength,
  stickerNameLength,
  stickerTagsMaxLength,
} from "../discord/expression-rules.js";
import { translator, type SupportedLocale } from "../i18n/index.js";
import { assetFormId } from "./custom-ids.js";
import { suggestEmojiName, suggestStickerName, type StickerFields } from "./names.js";

const NAME = "name";
const TAGS = "tags";
const DESCRIPTION = "description";

function input(id: string, { min, max, required, value }: { min: number; max: number; required: boolean; value?: string }) {
  const text = new TextInputBuilder().setCustomId(id).setStyle(TextInputStyle.Short).setRequired(required).setMaxLength(max);
  if (min > 0) text.setMinLength(min);
  if (value) text.setValue(value);
  return text;
}

function labelled(label: string, hint: string, text: TextInputBuilder): LabelBuilder {
  return new LabelBuilder().setLabel(label).setDescription(hint).setTextInputComponent(text);
}

function form(kind: "emoji" | "sticker", title: string, labels: LabelBuilder[]): ModalBuilder {
  return new ModalBuilder().setCustomId(assetFormId(kind)).setTitle(title).addLabelComponents(...labels);
}

export function emojiForm(prompt: string, locale: SupportedLocale): ModalBuilder {
  const say = translator(locale);
  return form("emoji", say("assets.form.emojiTitle"), [
    labelled(say("assets.form.emojiName"), say("assets.form.emojiNameHint"), input(NAME, { min: 2, max: 32, required: true, value: suggestEmojiName(prompt) })),
  ]);
}

export function stickerForm(prompt: string, locale: SupportedLocale): ModalBuilder {
  const say = translator(locale);
  return form("sticker", say("assets.form.stickerTitle"), [
      labelled(say("assets.form.stickerName"), say("assets.form.stickerNameHint"), input(NAME, { ...stickerNameLength, required: true, value: suggestStickerName(prompt) })),
      labelled(say("assets.form.stickerTags"), say("assets.form.stickerTagsHint"), input(TAGS, { min: 1, max: stickerTagsMaxLength, required: true })),
      labelled(
        say("assets.form.stickerDescription"),
        say("assets.form.stickerDescriptionHint"),
        input(DESCRIPTION, { min: 0, max: stickerDescriptionLength.max, required: false }),
      ),
  ]);
}

export function readEmojiName(interaction: ModalSubmitInteraction): string {
  return interaction.fields.getTextInputValue(NAME).trim();
}

export function readStickerFields(interaction: ModalSubmitInteraction): StickerFields {
  return {
    name: interaction.fields.getTextInputValue(NAME),
    tags: interaction.fields.getTextInputValue(TAGS),
    description: interaction.fields.getTextInputValue(DESCRIPTION),
  };
}
