// A job asked for in a member's message (a reply to a result) rather than an interaction: the bot answers with its
// own reply to that message, which then shows the job's progress and result as a deferred reply would. There is no
// interaction token (the job's expires at 0), so every edit goes through the bot token on that reply. A message
// cannot be answered privately: refusals are replies too. Nothing here pings anyone.
import type { Message } from "discord.js";
import type { GenerationDeps } from "./deps.js";
import { memberCanManageServer, memberRoleIds } from "../discord/manage-server.js";
import { progressHeader } from "./progress-text.js";
import { cancelButtons } from "./result-buttons.js";
import { channelIsNsfw, refusalText, restartingText, type JobOrigin } from "./start.js";

const pingNobody = { parse: [], repliedUser: false } as const;

/** `uploadLimit`: a message carries none (an interaction does); the caller knows the server's. */
export function messageOrigin(message: Message<true>, uploadLimit: number, ctx: Pick<GenerationDeps, "jobs">): JobOrigin {
  // Posted even if the member deleted their message meanwhile (without the reply's link to it).
  const answer = (content: string) =>
    message.reply({ content: content.slice(0, 2000), allowedMentions: pingNobody, failIfNotExists: false });
  return {
    userId: message.author.id,
    guildId: message.guildId,
    member: { channelId: message.channelId, roleIds: memberRoleIds(message), canManageServer: memberCanManageServer(message.member) },
    channelNsfw: channelIsNsfw(message),
    uploadLimit,
    via: { applicationId: message.client.application.id, interactionId: message.id, interactionToken: "", tokenExpiresAt: 0 },
    refuse: async (problems) => void (await answer(refusalText(problems))),
    tellRestarting: async () => void (await answer(restartingText)),
    async acknowledge(job, model) {
      const reply = await message.reply({
        content: `${progressHeader(model.name, job.request)}\n⏳ Starting…`,
        components: cancelButtons(job.ref),
        allowedMentions: pingNobody,
        failIfNotExists: false,
      });
      // Written at once: with no interaction token, this message is the only way to the job's reply after a restart.
      await ctx.jobs.setReplyMessageId(job.id, reply.id);
      return reply.id;
    },
  };
}
