import type { EventEmitter } from "node:events";
import type { DiscordFault, HeldRequest } from "./http/server.js";
import type { GatewayDrop } from "./gateway/gateway.js";
import type {
  APIAllowedMentions,
  APIApplicationCommand,
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIChannel,
  APIEmbed,
  APIGuildMemberNoUser,
  APIInteraction,
  APIMessage,
  APIMessageInteractionMetadata,
  APIMessageReference,
  APIMessageTopLevelComponent,
  APIRole,
  APIUser,
  MessageType,
} from "discord-api-types/v10";

export interface RateLimitWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Bucket for every authenticated or webhook route, per route template and major parameter. */
  perRoute?: RateLimitWindow;
  /** Bucket for POST /interactions/:id/:token/callback, per interaction (Discord exempts it from the global limit). */
  interactionCallback?: RateLimitWindow;
  /** Opt-in global limit over bot-token requests (Discord: 50/s). Off unless given. */
  global?: RateLimitWindow;
}

export interface FakeDiscordOptions {
  botToken?: string;
  applicationId?: string;
  interactionDeadlineMs?: number;
  interactionTokenTtlMs?: number;
  attachmentSizeLimit?: number;
  /** How long the CDN's signed attachment links work after issue; default 24 h, as Discord's. */
  attachmentLinkTtlMs?: number;
  rateLimits?: boolean | RateLimitOptions;
  heartbeatIntervalMs?: number;
  /**
   * When true, dispatching a command that is not registered throws. Default false: Discord clients with a stale
   * command cache do send interactions for removed commands. Registered commands are always checked.
   */
  strictCommands?: boolean;
  /** Privileged intents the application is approved for (bitfield); others close the gateway with 4014. Default 0. */
  privilegedIntents?: number;
  /** The first guild's preferred locale (its GUILD_CREATE `preferred_locale`, an interaction's `guild_locale`); default en-US. */
  preferredLocale?: string;
  /** The application's Installation settings leave User Install off (an app made before 2024, say): its `integration_types_config` has only "0". */
  userInstallOff?: boolean;
  /** GET /gateway/bot's `shards`, the number of shards Discord recommends; default 1. */
  recommendedShards?: number;
  /** GET /gateway/bot's `session_start_limit.max_concurrency`, identifies allowed per 5 s; default 1, as for most bots. */
  maxConcurrency?: number;
  /**
   * The ids of the bot's two guilds (`guild`, `secondGuild`) and of the server it is not in (`elsewhere`), e.g. from
   * guildOnShard to place them on chosen shards; default fresh snowflakes. `more`: further guilds the bot is in, each
   * like the second (`moreGuilds`), e.g. to spread a load over more shards; default none.
   */
  guildIds?: { main?: string; second?: string; elsewhere?: string; more?: string[] };
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  /** Role ids besides @everyone. */
  roles: string[];
  /** Guild-level permission bitfield, as Discord sends it in `member.permissions`. */
  permissions: string;
  isOwner: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  nsfw: boolean;
  type: 0;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  channels: APIChannel[];
}

export interface FakeAttachment extends APIAttachment {
  data: Buffer;
}

export type MessageOrigin = "channel" | "interaction" | "follow-up" | "user";

/** What one write sets on a message. */
export interface MessageContent {
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  attachments: FakeAttachment[];
  flags: number;
  /** As the write sent it (undefined when the write carried none). */
  allowed_mentions: APIAllowedMentions | undefined;
}

/** The state of a message after one write (its creation or an edit). */
export interface FakeMessageRevision extends MessageContent {
  at: number;
  route: string;
}

export interface FakeMessage extends MessageContent {
  id: string;
  channel_id: string;
  guild_id: string;
  author: APIUser;
  type: MessageType;
  /** What Discord would have pinged, given content and allowed_mentions. */
  mention_everyone: boolean;
  mentions: string[];
  mention_roles: string[];
  timestamp: string;
  edited_timestamp: string | null;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: APIMessageInteractionMetadata;
  origin: MessageOrigin;
  interactionId?: string;
  /** A reply: the message it answers, as Discord stores the reference (type 0, channel and guild filled in). */
  message_reference?: APIMessageReference;
  /** A reply that pings its target's author (the reply's ping on): that author's id, counted among its mentions. */
  reply_ping?: string;
  /** A member's message: the author's member (MESSAGE_CREATE carries it); the bot's own is the world's. */
  author_member?: APIGuildMemberNoUser;
  deleted: boolean;
  /** Every write, oldest first; the last entry is the current state. */
  history: FakeMessageRevision[];
}

export interface RecordedFile {
  name: string;
  filename: string;
  size: number;
  contentType: string;
}

export interface RecordedRequest {
  kind: "http" | "gateway";
  /** performance.now() when the request (or frame) arrived / was sent. */
  at: number;
  /** HTTP only: performance.now() when the fake had written its response. */
  finishedAt?: number;
  /** HTTP method; "WS" for gateway frames. */
  method: string;
  /** Route template, e.g. "/interactions/:interaction/:token/callback"; "/gateway" for frames. */
  route: string;
  path: string;
  query: Record<string, string>;
  /** HTTP status; 0 for gateway frames. */
  status: number;
  /** Parsed JSON body (or payload_json); the frame payload for gateway frames. */
  body: unknown;
  /** JSON the fake answered with (HTTP only). */
  response: unknown;
  files: RecordedFile[];
  headers: Record<string, string>;
  /** HTTP only: which TCP connection carried the request, numbered from 1 in the order the fake accepted them. */
  connection?: number;
  /** Gateway frames: "in" = sent by the client, "out" = sent by the fake. */
  direction?: "in" | "out";
  op?: number;
  t?: string | null;
  /** Gateway frames: the [shard_id, num_shards] of the session the frame belongs to; none before IDENTIFY or RESUME. */
  shard?: [number, number];
}

export interface InteractionResponseRecord {
  type: number;
  /**
   * The callback's `data` as sent (message, modal or autocomplete choices). Typed `any` on purpose:
   * tests read whichever shape the callback type implies.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
  at: number;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** performance.now() when INTERACTION_CREATE was sent. */
  dispatchedAt: number;
  /** The exact INTERACTION_CREATE payload. */
  payload: APIInteraction;
  response(timeoutMs?: number): Promise<InteractionResponseRecord>;
  original(): FakeMessage | undefined;
  waitForOriginal(pred: (m: FakeMessage) => boolean, timeoutMs?: number): Promise<FakeMessage>;
  followUps(): FakeMessage[];
}

/** A slash-command option; `type` is taken from the registered command when omitted. */
export interface SimpleOption {
  name: string;
  type?: number;
  value?: string | number | boolean | APIAttachment;
  focused?: boolean;
  options?: SimpleOption[];
}

export type SlashOptionInput = SimpleOption | APIApplicationCommandInteractionDataOption;

export interface InteractionSource {
  user?: FakeUser;
  channelId?: string;
  guildId?: string;
  locale?: string;
  /** The member installed the app for themselves (needed where the bot is not: the server without it, the group DM). */
  userInstall?: boolean;
  /** The member's permissions in the channel, when not their roles' (e.g. without Use External Apps). */
  memberPermissions?: bigint;
  /** The interaction's `attachment_size_limit`, when not the fake's. */
  attachmentSizeLimit?: number;
  /** `guild_locale`: the server's language (en-US unless given). */
  guildLocale?: string;
}

export interface SlashCommandDispatch extends InteractionSource {
  name: string;
  options?: SlashOptionInput[];
  subcommand?: string;
  subcommandGroup?: string;
  attachments?: APIAttachment[];
  /**
   * A crafted interaction (a modified client, or a definition an older version of the bot registered): option values
   * are delivered as given, without the length, range and choice checks Discord's client makes.
   */
  crafted?: boolean;
}

export interface MessageCommandDispatch extends InteractionSource {
  name: string;
  targetMessage: FakeMessage | APIMessage;
}

export interface AutocompleteDispatch extends InteractionSource {
  name: string;
  options?: SlashOptionInput[];
  subcommand?: string;
  subcommandGroup?: string;
  /** Name of the focused option (its value is what the user typed so far). */
  focused: string;
}

export interface ButtonClick {
  message: FakeMessage;
  customId: string;
  user?: FakeUser;
  /** The presser's Discord locale (the interaction's `locale`); default en-US. */
  locale?: string;
  /**
   * A crafted press, as from this channel (of either guild) rather than the message's: Discord sends a press from the
   * message's own channel, so only a forged client gets the bot such an interaction.
   */
  channelId?: string;
  /** As in InteractionSource. */
  userInstall?: boolean;
  memberPermissions?: bigint;
}

export interface ModalSubmission {
  customId: string;
  /**
   * By custom_id: a text input's value, or a string select's chosen values (one value may be given as a string).
   * A select left out is submitted with its default options, as the user saw it.
   */
  fields: Record<string, string | string[]>;
  user?: FakeUser;
  /** The submitter's Discord locale; default en-US. */
  locale?: string;
  channelId?: string;
  message?: FakeMessage;
}

export interface UserMessagePost {
  channelId?: string;
  user?: FakeUser;
  content?: string;
  attachments?: APIAttachment[];
  embeds?: APIEmbed[];
  /** The member uses Reply on this message (of the same channel, which is then the default channel). */
  replyTo?: FakeMessage;
  /**
   * Whether the reply pings its target's author, as the client's @ON/@OFF toggle on a reply. Default true, as
   * Discord's. A ping of a webhook's message reaches nobody; an interaction response's author is the app's bot user.
   */
  ping?: boolean;
}

export interface HostedFile {
  filename: string;
  /** As the uploader labelled it: Discord keeps the label whatever the bytes are. */
  contentType: string;
  data: Buffer;
}

/** A custom emoji of a server: what was uploaded, and the audit-log reason its upload gave. */
export interface FakeEmoji {
  id: string;
  name: string;
  animated: boolean;
  /** The roles allowed to use it; empty: everyone. */
  roles: string[];
  /** The decoded bytes of the upload's image data. */
  image: Buffer;
  /** As the image data declared it (the fake refuses one that does not match the bytes). */
  contentType: string;
  auditReason?: string;
}

export interface FakeSticker {
  id: string;
  name: string;
  /** Empty when the upload gave none. */
  description: string;
  tags: string;
  image: Buffer;
  /** The uploaded file's type, as the fake found it in the bytes (image/png or image/gif). */
  contentType: string;
  auditReason?: string;
}

/** A server's icon or banner. */
export interface FakeGuildImage {
  /** As the guild object carries it ("a_" first for an animated one). */
  hash: string;
  image: Buffer;
  contentType: string;
  auditReason?: string;
}

/** An event of a server (an external one, at a place), with its cover. */
export interface FakeScheduledEvent {
  id: string;
  name: string;
  /** Who scheduled it: a member, or the bot. */
  creatorId: string;
  /** ISO 8601; a day after it was scheduled. */
  startsAt: string;
  cover: FakeGuildImage | null;
}

/** What an admin schedules in the client (the first guild, by the owner, unless given). */
export interface ScheduledEventSetup {
  name?: string;
  /** "bot": one the bot scheduled itself (then Create Events is enough to change it). */
  creator?: FakeUser | "bot";
  guildId?: string;
}

/** A server's own images and what decides how many it may have. */
export interface FakeExpressions {
  premiumTier: 0 | 1 | 2 | 3;
  features: string[];
  emojis: FakeEmoji[];
  stickers: FakeSticker[];
  icon: FakeGuildImage | null;
  banner: FakeGuildImage | null;
}

export interface FakeDiscord {
  apiUrl: string;
  port: number;
  botToken: string;
  applicationId: string;
  guild: FakeGuild;
  channels: { general: string; nsfw: string; art: string };
  users: { owner: FakeUser; moderator: FakeUser; member: FakeUser; other: FakeUser };
  roles: { everyone: string; moderator: string; artist: string };
  /** A second server the bot is in: one channel, and its owner (a member of no other server). */
  secondGuild: { id: string; name: string; channels: { lobby: string }; users: { owner: FakeUser } };
  /** The further guilds of the `guildIds.more` option, in its order, each like the second. */
  moreGuilds: { id: string; name: string; channels: { lobby: string }; users: { owner: FakeUser } }[];
  /**
   * Where only a member's own install of the app reaches (dispatch with `userInstall: true`): a channel of a server
   * that did not install the bot, and a group DM of the member and another user. The bot token gets 50001 in both.
   */
  elsewhere: { guildId: string; channelId: string; groupDmId: string };
  /** The member's DM with the bot (as when they open it in their client), for interactions from there. */
  botDm(user: FakeUser): string;
  requests: RecordedRequest[];
  events: EventEmitter;
  waitForIdentify(timeoutMs?: number): Promise<void>;
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  commands(guildId?: string): APIApplicationCommand[];
  /** Seed commands directly, as if PUT by the bot (for tests that do not register through REST). */
  setCommands(defs: unknown[], guildId?: string): APIApplicationCommand[];
  hostAttachment(file: HostedFile): APIAttachment;
  setAttachmentAvailable(url: string, ok: boolean): void;
  /** Resolves once the signed attachment link has expired (at once if it has). */
  linkExpired(url: string): Promise<void>;
  dispatchSlashCommand(p: SlashCommandDispatch): InteractionHandle;
  dispatchMessageCommand(p: MessageCommandDispatch): InteractionHandle;
  dispatchAutocomplete(p: AutocompleteDispatch): InteractionHandle;
  clickButton(p: ButtonClick): InteractionHandle;
  submitModal(p: ModalSubmission): InteractionHandle;
  /**
   * A member posts a message (MESSAGE_CREATE to a bot with GUILD_MESSAGES; without MESSAGE_CONTENT its content,
   * attachments, embeds and components arrive empty unless it mentions the bot, a reply's ping included).
   */
  postUserMessage(p: UserMessagePost): FakeMessage;
  /** The member edits the words of their message in the client: MESSAGE_UPDATE on the gateway, as for MESSAGE_CREATE. */
  editUserMessage(message: FakeMessage, content: string): FakeMessage;
  /** The first message (not deleted, of anyone) that matches, now or once a write makes one match. */
  waitForMessage(pred: (m: FakeMessage) => boolean, timeoutMs?: number): Promise<FakeMessage>;
  messages(channelId?: string): FakeMessage[];
  /** A moderator deletes a message in the client: MESSAGE_DELETE on the gateway (for a public guild message); later writes to it get 10008 Unknown Message. */
  deleteMessage(messageId: string): void;
  /** What the bot sent a member in direct messages (POST /users/@me/channels, then the channel's messages), oldest first. */
  directMessages(userId: string): FakeMessage[];
  /**
   * Discord does what matching requests ask (the write lands), but their answers wait until release() or close():
   * a bot that dies meanwhile never learns that it succeeded. `caught` resolves with the first one held.
   */
  /** An admin takes the bot's View Channel away in a guild channel: its channel routes answer 403 50001 Missing Access (interaction tokens still work). */
  hideChannelFromBot(channelId: string): void;
  /** An admin takes the bot's Attach Files away in a guild channel: creating or editing a message with files there answers 403 50013 Missing Permissions. */
  denyBotAttachFiles(channelId: string): void;
  holdAnswers(matches: (request: HeldRequest) => boolean): { caught: Promise<HeldRequest>; release(): void };
  /** A server's boost level, features, custom emoji, stickers, icon and banner as they stand (the first guild's unless given). */
  expressions(guildId?: string): FakeExpressions;
  /**
   * Members boost the server to this level: its premium_tier, and the features that come with it (1: ANIMATED_ICON,
   * 2: BANNER, 3: ANIMATED_BANNER). Every server starts at 0, with none. GUILD_UPDATE on the gateway.
   */
  setBoost(tier: 0 | 1 | 2 | 3, guildId?: string): void;
  /** Members have already uploaded this many more static emoji (1×1 PNGs named filler_<n>). GUILD_EMOJIS_UPDATE. */
  fillEmojis(count: number, guildId?: string): void;
  /** Members have already uploaded this many more stickers. GUILD_STICKERS_UPDATE. */
  fillStickers(count: number, guildId?: string): void;
  /**
   * An admin takes a permission away from the bot's role: REST calls that need it answer 403 50013, interactions'
   * app_permissions leave it out, and GUILD_ROLE_UPDATE tells the bot.
   */
  denyBotPermission(permission: bigint, guildId?: string): void;
  /** A member schedules an event (GUILD_SCHEDULED_EVENT_CREATE): changing its cover takes the bot Manage Events. */
  addScheduledEvent(setup?: ScheduledEventSetup): FakeScheduledEvent;
  /** A server's events as they stand, covers included (the first guild's unless given). */
  scheduledEvents(guildId?: string): FakeScheduledEvent[];
  /**
   * The next matching request is not carried out and gets the fault's answer: a 429 as Discord sends it (body
   * {message, retry_after, global}, Retry-After and X-RateLimit-Scope headers), or an error status with a code.
   */
  failNext(matches: (request: HeldRequest) => boolean, fault: DiscordFault): void;
  /**
   * The bot's gateway connection ends (with `closeCode`, or broken without a close frame). Its session stays
   * resumable: dispatches meanwhile (an interaction, say) wait and are replayed when the client resumes, followed
   * by RESUMED. With `resumable: false` Discord forgot the session: the RESUME gets op 9 d:false and the client
   * identifies anew; nothing can be dispatched until it has.
   */
  dropGateway(drop?: GatewayDrop): void;
  /** Op 7 Reconnect on the bot's connection: the client reconnects and resumes (dispatches meanwhile are replayed). */
  requestGatewayReconnect(): void;
  close(): Promise<void>;
}
