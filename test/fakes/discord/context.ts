import type { AttachmentHost } from "./attachments.js";
import type { CommandStore } from "./commands.js";
import type { InteractionStore } from "./interactions/state.js";
import type { MessageWriter } from "./message-writer.js";
import type { MessageStore } from "./messages.js";
import type { Recorder } from "./recorder.js";
import type { World } from "./world.js";

export interface Settings {
  botToken: string;
  applicationId: string;
  interactionDeadlineMs: number;
  interactionTokenTtlMs: number;
  attachmentSizeLimit: number;
  heartbeatIntervalMs: number;
  strictCommands: boolean;
  privilegedIntents: number;
  recommendedShards: number;
  maxConcurrency: number;
}

/** What route handlers work with. */
export interface FakeContext {
  settings: Settings;
  world: World;
  commands: CommandStore;
  messages: MessageStore;
  writer: MessageWriter;
  attachments: AttachmentHost;
  interactions: InteractionStore;
  recorder: Recorder;
  gatewayUrl(): string;
  /** Sends a dispatch to the bot's session when its intents take it (the guild's changes: emoji, stickers, the guild itself). */
  dispatch(t: string, d: unknown, requiredIntent?: number): void;
}
