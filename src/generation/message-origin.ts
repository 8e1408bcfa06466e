// A job asked for in a member's message (a reply to a result) rather than an interaction: the bot answers with its
// own reply to that message, which then shows the job's progress and result as a deferred reply would. There is no
// interaction token (the job's expires at 0), so every edit goes through the bot token on that reply. A message
// cannot be answered privately: a refusal is a reply too, so it is kept short-lived (deleted after half a minute)
// and a member gets at most one a minute (see RefusalLimiter). Nothing here pings anyone.
import type { Message } from "discord.js";
import type { GenerationDeps } from "./deps.js";
import { memberCanManageServer, memberRoleIds } from "../discord/manage-server.js";
import { failureText } from "./failure-text.js";
import { progressHeader, startingText } from "./progress-text.js";
import { cancelButtons } from "./result-buttons.js";
import { FAILURE_COLOUR, textReply } from "./reply-layout.js";
import { channelIsNsfw, refusalText, restartingText, type JobOrigin } from "./start.js";
import { resolveLocale } from "../i18n/index.js";

const pingNobody = { parse: [], repliedUser: false } as const;

/** How long a refusal stays in the channel before the bot deletes it. */
export const REFUSAL_SHOWN_MS = 30_000;

/** A member is answered with at most one refusal in this long; further replies meanwhile are passed over. */
export const REFUSAL_WINDOW_MS = 60_000;

/** Who was refused when, so that replying again and again cannot make the bot post again and again. */
export class RefusalLimiter {
  readonly #last = new Map<string, number>();

  /** Whether this member may be refused now (and counts it if so). */
  take(guildId: string, userId: string, now = Date.now()): boolean {
    for (const [key, at] of this.#last) if (now - at >= REFUSAL_WINDOW_MS) this.#last.delete(key);
    const key = `${guildId}:${userId}`;
    if (this.#last.has(key)) return false;
    this.#last.set(key, now);
    return true;
  }
}

/** The job failed before it began, and the member was told in the bot's reply: nothing more to say. */
export class AcknowledgementFailed extends Error {}

/** `uploadLimit`: a message carries none (an interaction does); the caller knows the server's. */
export function messageOrigin(
  message: Message<true>,
  uploadLimit: number,
  ctx: Pick<GenerationDeps, "jobs" | "log">,
  refusals: RefusalLimiter,
): JobOrigin {
  // Posted even if the member deleted their message meanwhile (without the reply's link to it).
  const answer = (content: string) =>
    message.reply({ content: content.slice(0, 2000), allowedMentions: pingNobody, failIfNotExists: false });
  /** A short-lived answer, at most one per member a minute. */
  const answerBriefly = async (content: string) => {
    if (!refusals.take(message.guildId, message.author.id)) {
      ctx.log.debug({ message: message.id, user: message.author.id }, "a member was refused a moment ago; this refusal is not posted");
      return;
    }
    const reply = await answer(content);
    setTimeout(() => {
      reply.delete().catch((error: unknown) => ctx.log.debug({ err: error, message: reply.id }, "could not delete a refusal"));
    }, REFUSAL_SHOWN_MS).unref();
  };
  // A message carries no member's language: the job speaks the server's.
  const locale = resolveLocale(message.guild.preferredLocale);
  return {
    userId: message.author.id,
    guildId: message.guildId,
    member: { channelId: message.channelId, roleIds: memberRoleIds(message), canManageServer: memberCanManageServer(message.member), locale },
    channelNsfw: channelIsNsfw(message),
    uploadLimit,
    locale,
    via: { applicationId: message.client.application.id, interactionId: message.id, interactionToken: "", tokenExpiresAt: 0 },
    refuse: (problems) => answerBriefly(refusalText(locale, problems)),
    tellRestarting: () => answerBriefly(restartingText(locale)),
    async acknowledge(job, model) {
      // In the layout of a job's reply from the start (a message cannot be turned into one later and back).
      const reply = await message.reply({
        ...textReply(startingText(progressHeader(model.name, job.request), job.locale), cancelButtons(job.ref, job.locale)),
        allowedMentions: pingNobody,
        failIfNotExists: false,
      });
      // Written at once: with no interaction token, this message is the only way to the job's reply after a restart.
      try {
        await ctx.jobs.setReplyMessageId(job.id, reply.id);
      } catch (error) {
        // The job will not run: its progress becomes the failure (no Cancel left without a job behind it).
        ctx.log.error({ err: error, job: job.ref }, "could not record the reply of a reply to edit");
        const content = failureText({ kind: "unknown", message: "the request could not be acknowledged" }, job.ref, job.locale);
        const shown = await reply.edit({ ...textReply(content, [], FAILURE_COLOUR), allowedMentions: pingNobody }).then(
          () => true,
          (editError: unknown) => {
            ctx.log.warn({ err: editError, job: job.ref }, "could not show the failure in the reply");
            return false;
          },
        );
        throw shown ? new AcknowledgementFailed("the reply's message id could not be recorded", { cause: error }) : error;
      }
      return reply.id;
    },
  };
}
