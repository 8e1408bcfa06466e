// The assets' buttons and forms, found by their custom ids' prefixes (see custom-ids.ts): Make asset and its panel
// (make.ts), the one-press buttons with their forms (add.ts) and an event's cover (cover.ts). A result's buttons are
// looked up in the store, so they work after restarts; the one-press buttons need only the file on their message.
import type { ButtonInteraction, ModalSubmitInteraction } from "discord.js";
import type { ButtonHandler, ComponentHandlers, ModalHandler } from "../discord/command.js";
import { isAssetKind } from "../discord/expression-rules.js";
import { replyPrivately } from "../discord/reply-privately.js";
import type { JobRecord } from "../generation/index.js";
import { resolveLocale, t, type MessageKey } from "../i18n/index.js";
import { addAsset, submitAssetForm } from "./add.js";
import { setCover } from "./cover.js";
import { ASSET_BUTTON_PREFIX, ASSET_FORM_PREFIX, parseAssetButton } from "./custom-ids.js";
import type { AssetDeps } from "./deps.js";
import { cutoutResult, fitResult, makeAsset } from "./make.js";

const tell = (interaction: ButtonInteraction | ModalSubmitInteraction, key: MessageKey) => replyPrivately(interaction, t(resolveLocale(interaction.locale), key));

/** The result a panel's button is about, when it is this server's; else the presser is told why not. */
async function resultOf(interaction: ButtonInteraction, ctx: AssetDeps, ref: string): Promise<JobRecord | undefined> {
  const job = await ctx.jobs.getByRef(ref);
  if (!job?.result) return void (await tell(interaction, "generation.button.jobGone"));
  // A server's result delivered by direct message: its buttons are for the server's copy.
  if (job.guildId !== null && interaction.guildId === null) return void (await tell(interaction, "generation.buttonsInServer"));
  if (job.guildId !== interaction.guildId) {
    ctx.log.warn({ job: job.ref, guild: interaction.guildId, by: interaction.user.id }, "an asset button was pressed outside the job's server; refused");
    return void (await tell(interaction, "generation.button.otherServer"));
  }
  return job;
}

async function onButton(interaction: ButtonInteraction, ctx: AssetDeps) {
  const button = parseAssetButton(interaction.customId);
  if (!button) return tell(interaction, "generation.button.outdated");
  if (button.action === "add") return addAsset(interaction, ctx, button.kind, button.ref);
  if (button.action === "cover") return setCover(interaction, ctx, button.eventId);
  const job = await resultOf(interaction, ctx, button.ref);
  if (!job) return;
  switch (button.action) {
    case "make":
      return makeAsset(interaction, ctx, job, button.position);
    case "fit":
      return fitResult(interaction, ctx, job, button.position, button.kind);
    case "cutout":
      return cutoutResult(interaction, ctx, job, button.position, button.kind);
  }
}

async function onForm(interaction: ModalSubmitInteraction, ctx: AssetDeps, [kind]: readonly string[]) {
  if (!isAssetKind(kind)) return tell(interaction, "generation.button.outdated");
  return submitAssetForm(interaction, ctx, kind);
}

const buttons: ButtonHandler<AssetDeps>[] = [{ prefix: ASSET_BUTTON_PREFIX, handle: onButton }];
const modals: ModalHandler<AssetDeps>[] = [{ prefix: ASSET_FORM_PREFIX, handle: onForm }];

export const assetButtonHandlers: ComponentHandlers<AssetDeps> = { buttons, modals };
