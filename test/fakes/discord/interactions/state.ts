import type { APIInteraction, ApplicationCommandType, InteractionType } from "discord-api-types/v10";
import type { FakeUser, InteractionResponseRecord } from "../types.js";
import type { JsonObject } from "../util.js";
import type { InteractionPlace } from "./payloads.js";

export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  commandType?: ApplicationCommandType;
  commandName?: string;
  user: FakeUser;
  channelId: string;
  /** "" outside servers. */
  guildId: string;
  /** Its context and authorizing owners, and the member's permissions there. */
  place: InteractionPlace;
  dispatchedAt: number;
  payload: APIInteraction;
  /** The message carrying the clicked component (components, and modals opened from one). */
  sourceMessageId?: string;
  /** For modal submits: the interaction whose MODAL callback opened the modal. */
  opener?: InteractionState;
  response?: InteractionResponseRecord;
  originalId?: string;
  followUpIds: string[];
  /** Calls to the follow-up endpoint (a user install allows 5). */
  followUpCount: number;
  /** The modal this interaction answered with (callback type 9). */
  modal?: JsonObject;
}

/** Interactions sent to the bot, by id and by token. */
export class InteractionStore {
  private readonly byId = new Map<string, InteractionState>();
  private readonly byToken = new Map<string, InteractionState>();

  add(state: InteractionState): void {
    this.byId.set(state.id, state);
    this.byToken.set(state.token, state);
  }

  get(id: string): InteractionState | undefined {
    return this.byId.get(id);
  }

  withToken(token: string): InteractionState | undefined {
    return this.byToken.get(token);
  }

  /** The latest interaction that opened a modal with this custom_id. */
  openerOfModal(customId: string): InteractionState | undefined {
    return [...this.byId.values()].reverse().find((s) => s.modal?.custom_id === customId);
  }
}
