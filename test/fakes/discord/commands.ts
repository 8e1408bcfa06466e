import { isDeepStrictEqual } from "node:util";
import { ApplicationCommandType, ApplicationIntegrationType, type APIApplicationCommand } from "discord-api-types/v10";
import { snowflake } from "./snowflake.js";
import { asRecord, isRecord, type JsonObject } from "./util.js";
import { validateCommand, validateCommandList } from "./validation/command.js";

const GLOBAL = "global";

/** Registered application commands per scope (global or a guild), stored the way Discord returns them. */
export class CommandStore {
  private readonly scopes = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly applicationId: string) {}

  list(guildId?: string): APIApplicationCommand[] {
    return this.scopes.get(guildId ?? GLOBAL) ?? [];
  }

  get(id: string, guildId?: string): APIApplicationCommand | undefined {
    return this.list(guildId).find((c) => c.id === id);
  }

  /** A command as a user would invoke it in a guild: guild commands shadow global ones. */
  resolve(name: string, type: ApplicationCommandType, guildId: string): APIApplicationCommand | undefined {
    const match = (c: APIApplicationCommand) => c.name === name && c.type === type;
    return this.list(guildId).find(match) ?? this.list().find(match);
  }

  /** PUT: bulk overwrite. Unchanged commands keep id and version, as on Discord. */
  overwrite(body: unknown, guildId?: string): APIApplicationCommand[] {
    validateCommandList(body);
    const previous = this.list(guildId);
    const next = (body as unknown[]).map((def) => this.build(asRecord(def), guildId, previous));
    this.scopes.set(guildId ?? GLOBAL, next);
    return next;
  }

  /** POST: creates, or overwrites the command with the same name and type. */
  upsert(body: unknown, guildId?: string): { command: APIApplicationCommand; created: boolean } {
    validateCommand(body);
    const def = asRecord(body);
    const previous = this.list(guildId);
    const command = this.build(def, guildId, previous);
    const index = previous.findIndex((c) => c.id === command.id);
    const created = index === -1;
    this.scopes.set(guildId ?? GLOBAL, created ? [...previous, command] : previous.map((c, i) => (i === index ? command : c)));
    return { command, created };
  }

  /** PATCH: partial update of one command. */
  patch(id: string, body: unknown, guildId?: string): APIApplicationCommand | undefined {
    const existing = this.get(id, guildId);
    if (!existing) return undefined;
    const merged: JsonObject = { ...stripGenerated(existing), ...asRecord(body) };
    validateCommand(merged);
    const command = this.build(merged, guildId, [existing]);
    this.scopes.set(guildId ?? GLOBAL, this.list(guildId).map((c) => (c.id === id ? command : c)));
    return command;
  }

  remove(id: string, guildId?: string): boolean {
    const before = this.list(guildId);
    const after = before.filter((c) => c.id !== id);
    this.scopes.set(guildId ?? GLOBAL, after);
    return after.length !== before.length;
  }

  private build(def: JsonObject, guildId: string | undefined, previous: APIApplicationCommand[]): APIApplicationCommand {
    const type = typeof def.type === "number" ? (def.type as ApplicationCommandType) : ApplicationCommandType.ChatInput;
    const stored: JsonObject = {
      type,
      application_id: this.applicationId,
      name: def.name,
      description: typeof def.description === "string" ? def.description : "",
      default_member_permissions: typeof def.default_member_permissions === "string" ? def.default_member_permissions : null,
      nsfw: def.nsfw === true,
      integration_types: Array.isArray(def.integration_types) ? def.integration_types : [ApplicationIntegrationType.GuildInstall],
      contexts: Array.isArray(def.contexts) ? def.contexts : null,
    };
    Object.assign(stored, keptLocalizations(def));
    if (type === ApplicationCommandType.ChatInput && Array.isArray(def.options) && def.options.length > 0) {
      stored.options = def.options.map(storedOption);
    }
    if (guildId) stored.guild_id = guildId;
    else stored.dm_permission = typeof def.dm_permission === "boolean" ? def.dm_permission : true;
    if (type === ApplicationCommandType.PrimaryEntryPoint && typeof def.handler === "number") stored.handler = def.handler;

    const same = previous.find((c) => c.name === def.name && c.type === type);
    const unchanged = same !== undefined && isDeepStrictEqual(stripGenerated(same), stored);
    return {
      ...stored,
      id: same?.id ?? snowflake(),
      version: unchanged ? same.version : snowflake(),
    } as unknown as APIApplicationCommand;
  }
}

/** A field's localizations as Discord keeps them: a value identical to the default is ignored. */
function keptLocalizations(def: JsonObject): JsonObject {
  const kept: JsonObject = {};
  for (const [key, field] of [["name_localizations", "name"], ["description_localizations", "description"]] as const) {
    const map = def[key];
    if (isRecord(map)) kept[key] = Object.fromEntries(Object.entries(map).filter(([, value]) => value !== def[field]));
  }
  return kept;
}

function storedOption(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const option: JsonObject = { ...raw, ...keptLocalizations(raw) };
  if (Array.isArray(raw.options)) option.options = raw.options.map(storedOption);
  if (Array.isArray(raw.choices)) option.choices = raw.choices.map((choice) => (isRecord(choice) ? { ...choice, ...keptLocalizations(choice) } : choice));
  return option;
}

function stripGenerated(command: APIApplicationCommand): JsonObject {
  const { id: _id, version: _version, ...rest } = command;
  return rest;
}
