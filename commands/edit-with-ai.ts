// "Edit with AI": a message context-menu command. Takes the message's images, asks for the instruction and the model
// in a modal, and runs the edit behind the modal's reply.
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  MessageFlags,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { AppContext } from "../src/context.js";
import { localizations } from "../src/i18n/index.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import type { ModalHandler } from "../src/discord/command.js";
import { makeCustomId } from "../src/discord/custom-id.js";
import { editModal, imagesOfMessage, type InputImage, readEditModal, startGeneration } from "../src/generation/index.js";
import { resolveLocale, t } from "../src/i18n/index.js";

const FORM_PREFIX = "editai:1";

export const data = new ContextMenuCommandBuilder()
  .setName("Edit with AI")
  .setNameLocalizations(localizations("commands.menu.editWithAi"))
  .setType(ApplicationCommandType.Message)
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall)
  .toJSON();

/** A form left open longer must be reopened from the message. */
const FORM_TTL_MS = 15 * 60 * 1000;

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: AppContext): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  const images = imagesOfMessage(interaction.targetMessage, locale);
  if (images.length === 0) {
    await interaction.reply({
      content: t(locale, "generation.menu.noImagesToEdit"),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const formId = await ctx.forms.put(images, FORM_TTL_MS);
  await interaction.showModal(editModal(makeCustomId(FORM_PREFIX, formId), ctx.catalog, images.length, locale));
}

async function submitted(interaction: ModalSubmitInteraction, ctx: AppContext, [formId]: readonly string[]): Promise<void> {
  const images = formId === undefined ? undefined : await ctx.forms.take<InputImage[]>(formId);
  if (!images) {
    await interaction.reply({
      content: t(resolveLocale(interaction.locale), "generation.menu.formExpired"),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const { prompt, model } = readEditModal(interaction, ctx.catalog);
  await startGeneration(
    interaction,
    { kind: "edit", model, request: { prompt }, images: images.slice(0, model.inputImages?.max ?? images.length), useMemberDefaults: true },
    ctx,
  );
}

export const modals: readonly ModalHandler<AppContext>[] = [{ prefix: FORM_PREFIX, handle: submitted }];
