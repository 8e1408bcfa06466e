// The buttons under results, looked up in the store so they work days later and after restarts:
// Re-roll (same request, new seed), Edit (a modal; the result's images become the input), Delete, Retry (a new
// job, or, when fal had made the result and only its delivery failed, that result delivered again), and Cancel
// (under a job's progress while it waits or runs); Run n under a Describe's prompts.
import { MessageFlags, PermissionFlagsBits, type ButtonInteraction, type ModalSubmitInteraction } from "discord.js";
import type { GenerationDeps } from "./deps.js";
import { MAX_SEED, type ModelDefinition } from "../models/index.js";
import { imageUrlsOf } from "../fal/rehost.js";
import type { JobRecord } from "./job.js";
import type { ButtonHandler, ComponentHandlers, ModalHandler } from "../discord/command.js";
import { makeCustomId } from "../discord/custom-id.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { runDescribedPrompt } from "./describe.js";
import { editModal, readEditModal } from "./edit-modal.js";
import { startGeneration, tellRestarting, tokenExpiresAtOf } from "./start.js";
import type { InputImage } from "./input-images.js";
import { isResultAction, JOB_BUTTON_PREFIX, type JobAction } from "./result-buttons.js";
import { assetPermission, permissionName } from "../discord/expression-rules.js";
import { runResultAction } from "./result-actions.js";
import { resolveLocale, t, type MessageKey, type SupportedLocale } from "../i18n/index.js";

const EDIT_FORM_PREFIX = "jobedit:1";

type AnyJobInteraction = ButtonInteraction | ModalSubmitInteraction;

/** The member's language. */
const localeOf = (interaction: AnyJobInteraction) => resolveLocale(interaction.locale);

/** An answer only the presser sees, in their language. */
const tell = (interaction: AnyJobInteraction, key: MessageKey) => replyPrivately(interaction, t(localeOf(interaction), key));

/** The job behind a button, or an explanation to the clicker when there is none to use here. */
async function findJob(interaction: AnyJobInteraction, ctx: GenerationDeps, ref: string | undefined) {
  const job = ref ? await ctx.jobs.getByRef(ref) : undefined;
  const model = job && ctx.catalog.get(job.modelId);
  if (!job || !model) {
    await tell(interaction, "generation.button.jobGone");
    return undefined;
  }
  // A server's result delivered by direct message (its token had run out): a press there would escape the server's
  // limits, so its buttons are for the server's copy.
  if (job.guildId !== null && interaction.guildId === null) {
    await tell(interaction, "generation.buttonsInServer");
    return undefined;
  }
  // Discord sends a press from the message's own server; one from elsewhere is a forged interaction.
  if (job.guildId !== interaction.guildId) {
    ctx.log.warn({ job: job.ref, guild: interaction.guildId, by: interaction.user.id }, "a job's button was pressed outside the job's server; refused");
    await tell(interaction, "generation.button.otherServer");
    return undefined;
  }
  return { job, model };
}

function inputImagesOf(job: JobRecord, model: ModelDefinition, locale: SupportedLocale): InputImage[] {
  const field = model.inputImages?.field;
  const urls = field ? imageUrlsOf(job.input, field) : [];
  return urls.map((url, index) => ({ label: t(locale, "generation.image.numbered", { n: index + 1 }), url }));
}

/** The result's images as the channel showed them: flagged ones only where they were not withheld. */
export function shownImages(job: JobRecord) {
  return job.result?.images.filter((image) => job.channelNsfw || !image.nsfw) ?? [];
}

async function rerun(interaction: ButtonInteraction, ctx: GenerationDeps, job: JobRecord, model: ModelDefinition, newSeed: boolean) {
  const { imageUrls: _images, ...request } = job.request;
  // An asset again is for those who may make that kind, as /asset is.
  const { asset } = request;
  if (asset && !interaction.memberPermissions?.has(assetPermission[asset.kind])) {
    const locale = localeOf(interaction);
    const permission = t(locale, permissionName(assetPermission[asset.kind]));
    return replyPrivately(interaction, t(locale, "assetCommand.memberMissing", { kind: asset.kind, permission }));
  }
  // A model whose schema takes no seed is never sent one (a job stored before its entry dropped the seed included).
  if (!model.options.seed) delete request.seed;
  else if (newSeed) request.seed = Math.floor(Math.random() * MAX_SEED);
  await startGeneration(
    interaction,
    { kind: model.kind, model, request, images: inputImagesOf(job, model, localeOf(interaction)), private: job.ephemeral, parentJobId: job.id },
    ctx,
  );
}

/**
 * Retry of a job whose result fal made (and billed) but that never reached the member: that result, delivered in
 * place of the failure notice, with nothing sent to fal and nothing charged again.
 */
async function redeliver(interaction: ButtonInteraction, ctx: GenerationDeps, job: JobRecord) {
  if (!ctx.runner.accepting) return tellRestarting(interaction);
  const via = { applicationId: interaction.applicationId, interactionToken: interaction.token, tokenExpiresAt: tokenExpiresAtOf(interaction) };
  const redelivering = (await ctx.jobs.markRedelivering(job.id, via)) && (await ctx.jobs.get(job.id));
  if (!redelivering) return tell(interaction, "generation.button.onItsWay");
  // The button's message is the failure notice: the delivery replaces it through this interaction.
  await interaction.deferUpdate();
  ctx.runner.start(redelivering);
}

/** Delete and Cancel: the requester's, or a moderator's who may manage messages. */
function isRequesterOrModerator(interaction: ButtonInteraction, job: JobRecord): boolean {
  return interaction.user.id === job.requesterId || Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages));
}

const unfinished = new Set<JobRecord["state"]>(["accepted", "submitting", "submitted", "running"]);

async function cancelJob(interaction: ButtonInteraction, ctx: GenerationDeps, job: JobRecord) {
  if (!isRequesterOrModerator(interaction, job)) return tell(interaction, "generation.button.cancelNotYours");
  if (job.state === "completed") return tell(interaction, "generation.button.cancelTooLate");
  if (!unfinished.has(job.state)) return tell(interaction, "generation.button.cancelFinished");
  // The job's own reply says it was cancelled; this press needs no message of its own.
  await interaction.deferUpdate();
  if (await ctx.runner.cancel(job.id, interaction.user.id)) {
    ctx.log.info({ job: job.ref, by: interaction.user.id }, "job cancelled");
    return;
  }
  const now = await ctx.jobs.get(job.id);
  const content = t(localeOf(interaction), now && unfinished.has(now.state) ? "generation.button.cancelFailed" : "generation.button.cancelTooLate");
  await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
}

async function onButton(interaction: ButtonInteraction, ctx: GenerationDeps, [action, ref, ...rest]: readonly string[]) {
  const found = await findJob(interaction, ctx, ref);
  if (!found) return;
  const { job, model } = found;
  // Upscale, Vary, Zoom out and Pan on one image of the result (see result-actions.ts).
  if (isResultAction(action)) return runResultAction(interaction, ctx, job, action, rest[0]);
  switch (action as JobAction) {
    case "reroll":
      return rerun(interaction, ctx, job, model, true);
    case "retry":
      // Retry repeats someone's own request (and may deliver the result they paid for): it is theirs to press.
      if (interaction.user.id !== job.requesterId) return tell(interaction, "generation.button.retryNotYours");
      return job.state === "failed" && job.result ? redeliver(interaction, ctx, job) : rerun(interaction, ctx, job, model, false);
    case "cancel":
      return cancelJob(interaction, ctx, job);
    case "run":
      return runDescribedPrompt(interaction, ctx, found, rest[0]);
    case "edit": {
      const images = shownImages(job);
      if (!images.length) return tell(interaction, "generation.button.noImagesToEdit");
      return interaction.showModal(editModal(makeCustomId(EDIT_FORM_PREFIX, job.ref), ctx.catalog, images.length, localeOf(interaction)));
    }
    case "delete": {
      if (!isRequesterOrModerator(interaction, job)) return tell(interaction, "generation.button.deleteNotYours");
      await interaction.deferUpdate();
      await interaction.message.delete();
      await interaction.followUp({ content: t(localeOf(interaction), "generation.button.deleted"), flags: MessageFlags.Ephemeral });
      await ctx.jobs.markDeleted(job.id);
      ctx.log.info({ job: job.ref, by: interaction.user.id }, "result deleted");
      return;
    }
    default:
      return tell(interaction, "generation.button.outdated");
  }
}

async function onEditForm(interaction: ModalSubmitInteraction, ctx: GenerationDeps, [ref]: readonly string[]) {
  const found = await findJob(interaction, ctx, ref);
  if (!found) return;
  const { job } = found;
  const { prompt, model } = readEditModal(interaction, ctx.catalog);
  const locale = localeOf(interaction);
  const images = shownImages(job).map((image, index) => ({ label: t(locale, "generation.image.resultNumbered", { n: index + 1 }), url: image.url }));
  await startGeneration(
    interaction,
    {
      kind: "edit",
      model,
      request: { prompt },
      images: images.slice(0, model.inputImages?.max ?? images.length),
      private: job.ephemeral,
      parentJobId: job.id,
    },
    ctx,
  );
}

const buttons: ButtonHandler<GenerationDeps>[] = [{ prefix: JOB_BUTTON_PREFIX, handle: onButton }];
const modals: ModalHandler<GenerationDeps>[] = [{ prefix: EDIT_FORM_PREFIX, handle: onEditForm }];

export const jobButtonHandlers: ComponentHandlers<GenerationDeps> = { buttons, modals };
