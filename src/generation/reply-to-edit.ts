// Reply to edit: a member replies to a result the bot posted, with the reply's ping on (or mentioning the bot), and
// writes what to change; the result's images are edited that way (images attached to the reply join them), as a new
// job whose parent is that result, charged as /edit is. Replying to the new result goes on from there. Discord shows
// a bot without the (privileged) Message Content intent the words of a message only when it mentions the bot: a
// reply with its ping turned off arrives empty and is left alone, as is every other message.
import { MessageReferenceType, type Message } from "discord.js";
import type { GenerationDeps } from "./deps.js";
import type { Catalog, ModelDefinition } from "../models/index.js";
import { newReference } from "../discord/reference.js";
import { shownImages } from "./buttons.js";
import { fromAttachment } from "./input-images.js";
import type { JobRecord } from "./job.js";
import { messageOrigin } from "./message-origin.js";
import { startJob } from "./start.js";

/** The edit model for a result: its own model when that edits, else the model's edit counterpart. */
function editModelFor(model: ModelDefinition | undefined, catalog: Catalog): ModelDefinition {
  if (model?.kind === "edit") return model;
  const counterpart = model?.editCounterpart ? catalog.get(model.editCounterpart) : undefined;
  return counterpart?.kind === "edit" ? counterpart : catalog.defaultFor("edit");
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

async function editByReply(message: Message<true>, ctx: GenerationDeps): Promise<void> {
  const asked = instructionOf(message);
  if (!asked) return;
  const parent = await ctx.jobs.getByReplyMessage(asked.replyTo);
  if (!isResultOf(parent, message)) {
    ctx.log.debug({ message: message.id, replyTo: asked.replyTo }, "a reply mentioning the bot is not to one of its results; ignored");
    return;
  }
  const model = editModelFor(ctx.catalog.get(parent.modelId), ctx.catalog);
  // A message tells nothing of the server's upload limit (an interaction does): the result's own job learnt it there.
  const origin = messageOrigin(message, parent.uploadLimit, ctx);
  const results = shownImages(parent).map((image, index) => ({ label: `result image ${index + 1}`, url: image.url }));
  if (!results.length) return origin.refuse(["This result has no images to edit. Reply to a result with an image."]);
  const attached = [...message.attachments.values()].map((attachment) => fromAttachment(attachment.name, attachment));
  // The attached images are what the member added: the result's own images give way to them, keeping at least one.
  const room = Math.max(1, (model.inputImages?.max ?? 1) - attached.length);
  await startJob(
    origin,
    {
      kind: "edit",
      model,
      request: { prompt: asked.instruction },
      images: [...results.slice(0, room), ...attached],
      // A reply is a public message, and so is the result it answers.
      private: false,
      parentJobId: parent.id,
    },
    ctx,
  );
}

/** MESSAGE_CREATE: members' replies to results; everything else is ignored at once. */
export async function onMemberMessage(message: Message, ctx: GenerationDeps): Promise<void> {
  if (message.author.bot || message.webhookId !== null || message.system || !message.inGuild()) return;
  try {
    await editByReply(message, ctx);
  } catch (error) {
    const ref = newReference();
    ctx.log.error({ err: error, ref, message: message.id, user: message.author.id }, "a reply to edit failed");
    const content = `Something went wrong on our side (ref ${ref}). Please try again; if it keeps happening, tell a server admin and quote the ref.`;
    await message.reply({ content, allowedMentions: { parse: [], repliedUser: false }, failIfNotExists: false }).catch((replyError: unknown) => {
      ctx.log.warn({ err: replyError, ref }, "could not tell the member about a failed reply to edit");
    });
  }
}
