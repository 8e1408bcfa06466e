// Reply to edit: a member replies to a result the bot posted, with the reply's ping on (or mentioning the bot), and
// writes what to change; one of the result's images (the first, or the one the reply names by its number) is edited
// that way (images attached to the reply join it), as a new job whose parent is that result, charged as /edit is.
// In a channel where the server does not let the bot work, such replies are left alone. Replying to the new result goes on from there. Discord shows
// a bot without the (privileged) Message Content intent the words of a message only when it mentions the bot: a
// reply with its ping turned off arrives empty and is left alone, as is every other message.
import { MessageReferenceType, type Message } from "discord.js";
import type { GenerationDeps } from "./deps.js";
import { editModelOf } from "../models/index.js";
import { newReference } from "../discord/reference.js";
import { shownImages } from "./buttons.js";
import { fromAttachment } from "./input-images.js";
import type { JobRecord } from "./job.js";
import { AcknowledgementFailed, messageOrigin, RefusalLimiter } from "./message-origin.js";
import { startJob } from "./start.js";
import { channelAllowed } from "../usage/index.js";
import { resolveLocale, t } from "../i18n/index.js";

/** "2 make it night", "#2 make it night", "2: make it night": which image of a set of `count` the reply names. */
const namesAnImage = /^#?([1-9])(?:\s*[:.)-])?\s+(\S[\s\S]*)$/;

/** The image of the result to edit (1-based) and what to do with it. */
export function chosenImage(instruction: string, count: number): { index: number; instruction: string } {
  const match = count > 1 ? namesAnImage.exec(instruction) : null;
  const n = Number(match?.[1]);
  if (!match?.[2] || n > count) return { index: 0, instruction };
  return { index: n - 1, instruction: match[2].trim() };
}

/** The member's words without the bot's mention, when the message is a reply to a message that pings the bot. */
function instructionOf(message: Message<true>): { replyTo: string; instruction: string } | undefined {
  const reference = message.reference;
  if (!reference?.messageId || reference.type === MessageReferenceType.Forward || reference.channelId !== message.channelId) return undefined;
  const botId = message.client.user.id;
  if (!message.mentions.users.has(botId)) return undefined;
  const instruction = message.content.replaceAll(new RegExp(`<@!?${botId}>`, "g"), " ").trim();
  return instruction ? { replyTo: reference.messageId, instruction } : undefined;
}

function isResultOf(job: JobRecord | undefined, message: Message<true>): job is JobRecord {
  return job !== undefined && job.guildId === message.guildId && job.state === "delivered" && !job.ephemeral && job.deletedAt === null;
}

async function editByReply(message: Message<true>, ctx: GenerationDeps, refusals: RefusalLimiter): Promise<void> {
  const asked = instructionOf(message);
  if (!asked) return;
  const parent = await ctx.jobs.getByReplyMessage(asked.replyTo);
  if (!isResultOf(parent, message)) {
    ctx.log.debug({ message: message.id, replyTo: asked.replyTo }, "a reply mentioning the bot is not to one of its results; ignored");
    return;
  }
  // Where the server does not let the bot work, it says nothing at all (a refusal would be a post where it has no say).
  if (!channelAllowed(await ctx.settings.get(message.guildId), message.channelId)) {
    ctx.log.debug({ message: message.id, channel: message.channelId }, "a reply to edit in a channel the bot is not used in; ignored");
    return;
  }
  // Without one (an upscaled image) the job takes the model an /edit would: the member's default, the server's.
  const model = editModelOf(ctx.catalog.get(parent.modelId), ctx.catalog);
  // A message tells nothing of the server's upload limit (an interaction does): the result's own job learnt it there.
  const origin = messageOrigin(message, parent.uploadLimit, ctx, refusals);
  const shown = shownImages(parent);
  if (!shown.length) return origin.refuse([t(origin.locale, "generation.reply.noImages")]);
  // One image of a set is edited: blending all of them is seldom what a member means.
  const { index, instruction } = chosenImage(asked.instruction, shown.length);
  const result = { label: t(origin.locale, "generation.image.resultNumbered", { n: index + 1 }), url: shown[index]!.url };
  const attached = [...message.attachments.values()].map((attachment) => fromAttachment(attachment.name, attachment));
  const max = model?.inputImages?.max;
  if (model && max !== undefined && attached.length > max - 1) {
    const counts = { max, attachable: max - 1, count: attached.length };
    return origin.refuse([t(origin.locale, "generation.reply.tooManyAttached", { model: model.name, ...counts })]);
  }
  await startJob(
    origin,
    {
      kind: "edit",
      ...(model ? { model } : { useMemberDefaults: true }),
      request: { prompt: instruction },
      images: [result, ...attached],
      // A reply is a public message, and so is the result it answers.
      private: false,
      parentJobId: parent.id,
    },
    ctx,
  );
}

/** MESSAGE_CREATE: members' replies to results; everything else is ignored at once. One handler per client. */
export function memberMessageHandler(ctx: GenerationDeps): (message: Message) => Promise<void> {
  const refusals = new RefusalLimiter();
  return async (message) => {
    if (message.author.bot || message.webhookId !== null || message.system || !message.inGuild()) return;
    try {
      await editByReply(message, ctx, refusals);
    } catch (error) {
      if (error instanceof AcknowledgementFailed) {
        ctx.log.debug({ message: message.id }, "a reply to edit failed before it began; its reply says so");
        return;
      }
      const ref = newReference();
      ctx.log.error({ err: error, ref, message: message.id, user: message.author.id }, "a reply to edit failed");
      const content = t(resolveLocale(message.guild.preferredLocale), "common.internalError", { ref });
      await message.reply({ content, allowedMentions: { parse: [], repliedUser: false }, failIfNotExists: false }).catch((replyError: unknown) => {
        ctx.log.warn({ err: replyError, ref }, "could not tell the member about a failed reply to edit");
      });
    }
  };
}
