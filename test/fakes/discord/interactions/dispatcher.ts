import { randomBytes } from "node:crypto";
import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  type APIApplicationCommand,
  type APIInteractionDataResolved,
  type APIMessage,
} from "discord-api-types/v10";
import type { CommandStore } from "../commands.js";
import type { Gateway } from "../gateway/gateway.js";
import { toApiMessage, type MessageStore } from "../messages.js";
import type { Recorder } from "../recorder.js";
import { snowflake } from "../snowflake.js";
import type {
  AutocompleteDispatch,
  ButtonClick,
  FakeUser,
  InteractionHandle,
  InteractionSource,
  MessageCommandDispatch,
  ModalSubmission,
  SlashCommandDispatch,
} from "../types.js";
import { asArray, asRecord, now, type JsonObject } from "../util.js";
import type { World } from "../world.js";
import { interactionHandle } from "./handle.js";
import { submissionComponents } from "./modal-submit.js";
import { buildOptions, wrapSubcommand } from "./options.js";
import { assertOffered } from "./offered.js";
import { asInteraction, basePayload, placeOf } from "./payloads.js";
import type { InteractionState, InteractionStore } from "./state.js";

export interface DispatcherDeps {
  world: World;
  commands: CommandStore;
  interactions: InteractionStore;
  messages: MessageStore;
  gateway: Gateway;
  recorder: Recorder;
  applicationId: string;
  attachmentSizeLimit: number;
  strictCommands: boolean;
}

interface Common {
  type: InteractionType;
  user: FakeUser;
  channelId: string;
  guildId: string;
  locale?: string;
  userInstall?: boolean;
  memberPermissions?: bigint;
  attachmentSizeLimit?: number;
  guildLocale?: string;
  extra: JsonObject;
  commandType?: ApplicationCommandType;
  commandName?: string;
  sourceMessageId?: string;
  opener?: InteractionState;
}

/** Builds INTERACTION_CREATE payloads as Discord would for a user's action, sends them, and hands back a handle. */
export class InteractionDispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  slashCommand(p: SlashCommandDispatch): InteractionHandle {
    return this.command(p, InteractionType.ApplicationCommand, undefined);
  }

  autocomplete(p: AutocompleteDispatch): InteractionHandle {
    return this.command(p, InteractionType.ApplicationCommandAutocomplete, p.focused);
  }

  messageCommand(p: MessageCommandDispatch): InteractionHandle {
    const target: APIMessage = "origin" in p.targetMessage ? toApiMessage(p.targetMessage) : p.targetMessage;
    const source = this.source(p, target.channel_id);
    const command = this.lookup(p.name, ApplicationCommandType.Message, source);
    return this.send({
      ...source,
      type: InteractionType.ApplicationCommand,
      commandType: ApplicationCommandType.Message,
      commandName: p.name,
      extra: {
        data: {
          id: command?.id ?? snowflake(),
          name: p.name,
          type: ApplicationCommandType.Message,
          target_id: target.id,
          resolved: { messages: { [target.id]: target } },
          ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
        },
      },
    });
  }

  clickButton(p: ButtonClick): InteractionHandle {
    const button = findComponent(p.message.components, p.customId);
    if (!button || button.type !== ComponentType.Button) {
      throw new Error(`fake discord: message ${p.message.id} has no button ${p.customId}`);
    }
    if (button.disabled === true) throw new Error(`fake discord: button ${p.customId} is disabled`);
    if (p.message.deleted) throw new Error(`fake discord: message ${p.message.id} was deleted`);
    const source = this.source(
      {
        user: p.user,
        ...(p.channelId ? { channelId: p.channelId } : {}),
        ...(p.locale ? { locale: p.locale } : {}),
        ...(p.userInstall ? { userInstall: true } : {}),
        ...(p.memberPermissions !== undefined ? { memberPermissions: p.memberPermissions } : {}),
      },
      p.message.channel_id,
    );
    return this.send({
      ...source,
      type: InteractionType.MessageComponent,
      sourceMessageId: p.message.id,
      extra: {
        message: toApiMessage(p.message),
        data: { custom_id: p.customId, component_type: ComponentType.Button, ...(typeof button.id === "number" ? { id: button.id } : {}) },
      },
    });
  }

  submitModal(p: ModalSubmission): InteractionHandle {
    const opener = this.deps.interactions.openerOfModal(p.customId);
    if (!opener?.modal) throw new Error(`fake discord: no modal with custom_id ${p.customId} was shown`);
    const message = p.message ?? (opener.sourceMessageId ? this.deps.messages.get(opener.sourceMessageId) : undefined);
    // The form is submitted from where it was opened, through the same installs.
    const source = this.source(
      {
        user: p.user ?? opener.user,
        channelId: p.channelId,
        ...(p.locale ? { locale: p.locale } : {}),
        ...(opener.place.owners["1"] !== undefined ? { userInstall: true } : {}),
        ...(opener.place.memberPermissions !== undefined ? { memberPermissions: opener.place.memberPermissions } : {}),
      },
      opener.channelId,
    );
    return this.send({
      ...source,
      type: InteractionType.ModalSubmit,
      opener,
      ...(message ? { sourceMessageId: message.id } : {}),
      extra: {
        ...(message ? { message: toApiMessage(message) } : {}),
        data: { custom_id: p.customId, components: submissionComponents(opener.modal, p.fields) },
      },
    });
  }

  private command(p: SlashCommandDispatch, type: InteractionType, focused: string | undefined): InteractionHandle {
    const source = this.source(p, this.deps.world.channels.general);
    const command = this.lookup(p.name, ApplicationCommandType.ChatInput, source);
    const resolved: APIInteractionDataResolved = {};
    const ctx = {
      world: this.deps.world,
      command: p.name,
      attachments: p.attachments ?? [],
      resolved,
      ...(focused ? { focused } : {}),
      ...(p.crafted ? { crafted: true } : {}),
    };
    const defs = command ? (command.options ?? []) : undefined;
    const options = wrapSubcommand(p, defs, (inputs, leafDefs) => buildOptions(inputs, leafDefs, ctx));
    if (focused !== undefined && !(p.options ?? []).some((o) => o.name === focused)) {
      throw new Error(`fake discord: focused option ${focused} is not among the options`);
    }
    for (const a of p.attachments ?? []) resolved.attachments = { ...resolved.attachments, [a.id]: a };
    return this.send({
      ...source,
      type,
      commandType: ApplicationCommandType.ChatInput,
      commandName: p.name,
      extra: {
        data: {
          id: command?.id ?? snowflake(),
          name: p.name,
          type: ApplicationCommandType.ChatInput,
          ...(options.length > 0 ? { options } : {}),
          ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
          ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
        },
      },
    });
  }

  /** The registered command a member invokes here; only one Discord shows here may be invoked. */
  private lookup(name: string, type: ApplicationCommandType, source: Omit<Common, "type" | "extra">): APIApplicationCommand | undefined {
    const command = this.deps.commands.resolve(name, type, source.guildId);
    if (!command && this.deps.strictCommands) {
      throw new Error(`fake discord: command "${name}" (type ${type}) is not registered; register it first or pass strictCommands: false`);
    }
    if (command) assertOffered(command, placeOf(this.deps.world, source));
    return command;
  }

  private source(p: InteractionSource, defaultChannel: string): Omit<Common, "type" | "extra"> {
    const channelId = p.channelId ?? defaultChannel;
    const found = this.deps.world.interactionChannel(channelId);
    return {
      user: p.user ?? this.deps.world.users.member,
      channelId,
      // Outside servers ("" here) the interaction carries no guild.
      guildId: p.guildId ?? (found ? (found.guildId ?? "") : this.deps.world.guildId),
      ...(p.locale ? { locale: p.locale } : {}),
      ...(p.userInstall ? { userInstall: true } : {}),
      ...(p.memberPermissions !== undefined ? { memberPermissions: p.memberPermissions } : {}),
      ...(p.attachmentSizeLimit !== undefined ? { attachmentSizeLimit: p.attachmentSizeLimit } : {}),
      ...(p.guildLocale ? { guildLocale: p.guildLocale } : {}),
    };
  }

  private send(c: Common): InteractionHandle {
    const { deps } = this;
    const id = snowflake();
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString("base64url");
    const input = { ...c, id, token, applicationId: deps.applicationId, attachmentSizeLimit: c.attachmentSizeLimit ?? deps.attachmentSizeLimit };
    const payload = asInteraction({ ...basePayload(deps.world, input), ...c.extra });
    const state: InteractionState = {
      id,
      token,
      type: c.type,
      user: c.user,
      channelId: c.channelId,
      guildId: c.guildId,
      place: placeOf(deps.world, input),
      dispatchedAt: now(),
      payload,
      followUpIds: [],
      followUpCount: 0,
      ...(c.commandType !== undefined ? { commandType: c.commandType } : {}),
      ...(c.commandName !== undefined ? { commandName: c.commandName } : {}),
      ...(c.sourceMessageId !== undefined ? { sourceMessageId: c.sourceMessageId } : {}),
      ...(c.opener ? { opener: c.opener } : {}),
    };
    deps.interactions.add(state);
    if (!deps.gateway.dispatch("INTERACTION_CREATE", payload)) {
      throw new Error("fake discord: no client is connected to the gateway (await waitForIdentify() first)");
    }
    return interactionHandle(state, this.deps.messages, this.deps.recorder);
  }
}

/** Depth-first search through rows, containers, sections (accessory) for a component with this custom_id. */
function findComponent(components: unknown[], customId: string): JsonObject | undefined {
  for (const raw of components) {
    const c = asRecord(raw);
    if (c.custom_id === customId) return c;
    const nested = findComponent([...asArray(c.components), ...(c.accessory ? [c.accessory] : [])], customId);
    if (nested) return nested;
  }
  return undefined;
}
