import { GatewayIntentBits, MessageReferenceType, MessageType, type APIAttachment } from "discord-api-types/v10";
import { AttachmentHost, toApiAttachment } from "./attachments.js";
import { CommandStore } from "./commands.js";
import {
  DEFAULT_ATTACHMENT_LINK_TTL_MS,
  DEFAULT_ATTACHMENT_SIZE_LIMIT,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_INTERACTION_DEADLINE_MS,
  DEFAULT_INTERACTION_TOKEN_TTL_MS,
  DEFAULT_TIMEOUT_MS,
  FAKE_APPLICATION_ID,
  FAKE_BOT_TOKEN,
  GATEWAY_PATH,
  MESSAGE_FLAGS,
} from "./constants.js";
import type { FakeContext, Settings } from "./context.js";
import { Gateway } from "./gateway/gateway.js";
import { guildHelpers } from "./guild-helpers.js";
import { gatewayMessage } from "./gateway/message-payload.js";
import { Router } from "./http/router.js";
import { HttpServer } from "./http/server.js";
import { InteractionDispatcher } from "./interactions/dispatcher.js";
import { InteractionStore } from "./interactions/state.js";
import { MessageWriter } from "./message-writer.js";
import { MessageStore, toApiMessage, type MessageChange } from "./messages.js";
import { RateLimiter } from "./ratelimit.js";
import { Recorder } from "./recorder.js";
import { callbackRoutes } from "./routes/callback.js";
import { channelRoutes } from "./routes/channels.js";
import { commandRoutes } from "./routes/commands.js";
import { expressionRoutes } from "./routes/expressions.js";
import { guildRoutes } from "./routes/guild.js";
import { scheduledEventRoutes } from "./routes/scheduled-events.js";
import { miscRoutes } from "./routes/misc.js";
import { webhookRoutes } from "./routes/webhooks.js";
import type { FakeAttachment, FakeDiscord, FakeDiscordOptions, FakeMessage, UserMessagePost } from "./types.js";
import { waitFor } from "./util.js";
import { World } from "./world.js";

const GATEWAY_EVENTS: Record<MessageChange, string> = { create: "MESSAGE_CREATE", update: "MESSAGE_UPDATE", delete: "MESSAGE_DELETE" };

/** Starts the fake on a free loopback port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const settings: Settings = {
    botToken: options.botToken ?? FAKE_BOT_TOKEN,
    applicationId: options.applicationId ?? FAKE_APPLICATION_ID,
    interactionDeadlineMs: options.interactionDeadlineMs ?? DEFAULT_INTERACTION_DEADLINE_MS,
    interactionTokenTtlMs: options.interactionTokenTtlMs ?? DEFAULT_INTERACTION_TOKEN_TTL_MS,
    attachmentSizeLimit: options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    strictCommands: options.strictCommands ?? false,
    privilegedIntents: options.privilegedIntents ?? 0,
    recommendedShards: options.recommendedShards ?? 1,
    maxConcurrency: options.maxConcurrency ?? 1,
  };
  let port = 0;
  const origin = () => `http://127.0.0.1:${port}`;
  const gatewayUrl = () => `ws://127.0.0.1:${port}${GATEWAY_PATH}`;

  const world = new World(settings.applicationId, options.preferredLocale, !options.userInstallOff, options.guildIds);
  const recorder = new Recorder();
  const attachments = new AttachmentHost(origin, options.attachmentLinkTtlMs ?? DEFAULT_ATTACHMENT_LINK_TTL_MS);
  const commands = new CommandStore(settings.applicationId);
  const interactions = new InteractionStore();
  const gateway = new Gateway({ world, recorder, botToken: settings.botToken, heartbeatIntervalMs: settings.heartbeatIntervalMs, privilegedIntents: settings.privilegedIntents, gatewayUrl });
  const messages = new MessageStore((change, message) => {
    recorder.events.emit("message", message, change);
    if ((message.flags & MESSAGE_FLAGS.ephemeral) !== 0) return;
    if (message.guild_id === "") {
      // A direct message: only a bot with the DirectMessages intent hears of it, and it carries no guild.
      if (change === "delete") return;
      gateway.dispatch(GATEWAY_EVENTS[change], toApiMessage(message), GatewayIntentBits.DirectMessages);
      return;
    }
    const payload = (intents: number) =>
      change === "delete"
        ? { id: message.id, channel_id: message.channel_id, guild_id: message.guild_id }
        : gatewayMessage(message, { world, messages, intents });
    gateway.dispatchBuilt(GATEWAY_EVENTS[change], message.guild_id, payload, GatewayIntentBits.GuildMessages);
  });
  const writer = new MessageWriter(messages, attachments, settings.attachmentSizeLimit);
  const ctx: FakeContext = {
    settings,
    world,
    commands,
    messages,
    writer,
    attachments,
    interactions,
    recorder,
    gatewayUrl,
    dispatch: (t, d, intent) => void gateway.dispatch(t, d, intent),
  };

  const router = new Router();
  router.add(
    ...miscRoutes(ctx),
    ...guildRoutes(ctx),
    ...expressionRoutes(ctx),
    ...scheduledEventRoutes(ctx),
    ...commandRoutes(ctx),
    ...callbackRoutes(ctx),
    ...webhookRoutes(ctx),
    ...channelRoutes(ctx),
  );
  const rateLimiter = new RateLimiter(options.rateLimits !== false, typeof options.rateLimits === "object" ? options.rateLimits : {});
  const server = new HttpServer({
    router,
    recorder,
    rateLimiter,
    attachments,
    botToken: settings.botToken,
    onUpgrade: (req, socket, head) => gateway.handleUpgrade(req, socket, head),
  });
  port = await server.listen();

  const dispatcher = new InteractionDispatcher({
    world,
    commands,
    interactions,
    messages,
    gateway,
    recorder,
    applicationId: settings.applicationId,
    attachmentSizeLimit: settings.attachmentSizeLimit,
    strictCommands: settings.strictCommands,
  });

  const postUserMessage = (p: UserMessagePost): FakeMessage => {
    const user = p.user ?? world.users.member;
    const channelId = p.channelId ?? p.replyTo?.channel_id ?? world.channels.general;
    if (!world.channel(channelId)) throw new Error(`fake discord: unknown channel ${channelId}`);
    const { replyTo } = p;
    if (replyTo && (replyTo.channel_id !== channelId || !messages.get(replyTo.id) || (replyTo.flags & MESSAGE_FLAGS.ephemeral) !== 0)) {
      throw new Error("fake discord: Discord's client replies only to a message it shows in the same channel");
    }
    const { user: _user, ...member } = world.member(user);
    // A webhook's message pings nobody; an interaction response is the app's, and pings its bot user.
    const pingable = replyTo && (!replyTo.webhook_id || replyTo.interaction_metadata !== undefined) && replyTo.author.id !== user.id;
    return messages.create({
      channelId,
      guildId: world.guildId,
      author: world.apiUser(user),
      type: replyTo ? MessageType.Reply : MessageType.Default,
      origin: "user",
      route: "postUserMessage",
      ...(replyTo
        ? { reference: { type: MessageReferenceType.Default, message_id: replyTo.id, channel_id: channelId, guild_id: world.guildId } }
        : {}),
      ...(pingable && p.ping !== false ? { replyPing: replyTo.author.id } : {}),
      content: p.content ?? "",
      embeds: p.embeds ?? [],
      components: [],
      attachments: (p.attachments ?? []).map((a) => hostedCopy(attachments, a)),
      flags: 0,
      allowed_mentions: undefined,
      authorMember: member,
    });
  };

  return {
    apiUrl: `${origin()}/api`,
    port,
    botToken: settings.botToken,
    applicationId: settings.applicationId,
    guild: world.guild(),
    channels: world.channels,
    users: world.users,
    secondGuild: { id: world.second.id, name: world.second.name, channels: world.second.channels, users: world.second.users },
    moreGuilds: world.more.map(({ id, name, channels, users }) => ({ id, name, channels, users })),
    elsewhere: { guildId: world.elsewhere.guildId, channelId: world.elsewhere.channel.id, groupDmId: world.elsewhere.groupDm.id },
    botDm: (user) => world.openDm(user).id,
    roles: { everyone: world.roles.everyone, moderator: world.roles.moderator, artist: world.roles.artist },
    requests: recorder.requests,
    events: recorder.events,
    waitForIdentify: (timeoutMs) => gateway.waitForReady(timeoutMs),
    waitForRequest: (pred, timeoutMs) => recorder.waitForRequest(pred, timeoutMs),
    commands: (guildId) => commands.list(guildId),
    setCommands: (defs, guildId) => commands.overwrite(defs, guildId),
    hostAttachment: (file) => toApiAttachment(attachments.host(file, world.channels.general)),
    setAttachmentAvailable: (url, ok) => attachments.setAvailable(url, ok),
    linkExpired: (url) => attachments.expiry(url),
    dispatchSlashCommand: (p) => dispatcher.slashCommand(p),
    dispatchMessageCommand: (p) => dispatcher.messageCommand(p),
    dispatchAutocomplete: (p) => dispatcher.autocomplete(p),
    clickButton: (p) => dispatcher.clickButton(p),
    submitModal: (p) => dispatcher.submitModal(p),
    postUserMessage,
    waitForMessage: (pred, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      waitFor(
        (listener) => recorder.subscribe("message", listener),
        () => messages.all().find((m) => !m.deleted && pred(m)),
        timeoutMs,
        "a message to match",
      ),
    messages: (channelId) =>
      messages.all().filter((m) => m.origin !== "user" && (channelId === undefined || m.channel_id === channelId)),
    editUserMessage: (message, content) => {
      const stored = messages.get(message.id);
      if (!stored || stored.origin !== "user") throw new Error(`fake discord: no member's message ${message.id} to edit`);
      const { embeds, components, attachments, flags } = stored;
      return messages.update(stored, { content, embeds, components, attachments, flags, allowed_mentions: undefined }, "editUserMessage");
    },
    deleteMessage: (messageId) => {
      const message = messages.get(messageId);
      if (!message) throw new Error(`fake discord: no message ${messageId} to delete`);
      messages.delete(message);
    },
    directMessages: (userId) => {
      const dm = world.dmChannelOf(userId);
      return dm ? messages.all().filter((m) => m.channel_id === dm.id) : [];
    },
    hideChannelFromBot: (channelId) => {
      if (!world.channel(channelId)) throw new Error(`fake discord: unknown guild channel ${channelId}`);
      world.hiddenFromBot.add(channelId);
    },
    denyBotAttachFiles: (channelId) => {
      if (!world.channel(channelId)) throw new Error(`fake discord: unknown guild channel ${channelId}`);
      world.noFilesForBot.add(channelId);
    },
    ...guildHelpers(ctx),
    holdAnswers: (matches) => server.holdAnswers(matches),
    failNext: (matches, fault) => server.failNext(matches, fault),
    dropGateway: (drop) => gateway.drop(drop),
    requestGatewayReconnect: () => gateway.requestReconnect(),
    close: async () => {
      gateway.close();
      await server.close();
    },
  };
}

/** A user's message refers to attachments hosted on the fake CDN (from hostAttachment). */
function hostedCopy(host: AttachmentHost, attachment: APIAttachment): FakeAttachment {
  const hosted = host.find(attachment.url);
  if (!hosted) throw new Error(`fake discord: attachment ${attachment.url} is not hosted by this fake (use hostAttachment)`);
  return hosted;
}
