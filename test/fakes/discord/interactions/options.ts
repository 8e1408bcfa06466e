import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIInteractionDataResolved,
} from "discord-api-types/v10";
import type { SlashCommandDispatch, SlashOptionInput } from "../types.js";
import { asArray, asRecord, isRecord, type JsonObject } from "../util.js";
import type { World } from "../world.js";

export interface OptionBuildContext {
  world: World;
  command: string;
  /** Attachments the user "uploaded" with the command; option values may refer to them by id. */
  attachments: APIAttachment[];
  resolved: APIInteractionDataResolved;
  /** Name of the focused option for autocomplete (skips required/choice checks). */
  focused?: string;
  /** A crafted interaction: values are delivered unchecked. */
  crafted?: boolean;
}

/** Turns test-friendly options into the wire form, typed and checked against the registered definition. */
export function buildOptions(
  inputs: SlashOptionInput[],
  defs: APIApplicationCommandOption[] | undefined,
  ctx: OptionBuildContext,
): APIApplicationCommandInteractionDataOption[] {
  const out = inputs.map((input) => buildOption(input, defs?.find((d) => d.name === input.name), defs !== undefined, ctx));
  if (defs && ctx.focused === undefined) {
    for (const def of defs) {
      const required = "required" in def && def.required === true;
      if (required && !inputs.some((i) => i.name === def.name)) {
        throw new Error(`fake discord: /${ctx.command} needs option "${def.name}" (Discord's client would not send it without)`);
      }
    }
  }
  return out;
}

function buildOption(
  input: SlashOptionInput,
  def: APIApplicationCommandOption | undefined,
  strict: boolean,
  ctx: OptionBuildContext,
): APIApplicationCommandInteractionDataOption {
  if (strict && !def) throw new Error(`fake discord: /${ctx.command} has no option "${input.name}"`);
  const type = input.type ?? def?.type ?? inferType(input.value);
  const defRecord: JsonObject = def ? (def as unknown as JsonObject) : {};
  const nestedInputs = "options" in input && Array.isArray(input.options) ? (input.options as SlashOptionInput[]) : [];
  if (type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup) {
    const nestedDefs = def ? (asArray(defRecord.options) as APIApplicationCommandOption[]) : undefined;
    return { name: input.name, type, options: buildOptions(nestedInputs, nestedDefs, ctx) } as APIApplicationCommandInteractionDataOption;
  }
  const focused = ctx.focused === input.name || ("focused" in input && input.focused === true);
  const raw = "value" in input ? input.value : undefined;
  const value = focused || ctx.crafted ? raw : checkValue(type, raw, defRecord, ctx, input.name);
  return {
    name: input.name,
    type,
    value: resolveValue(type, value, ctx),
    ...(focused ? { focused: true } : {}),
  } as APIApplicationCommandInteractionDataOption;
}

function inferType(value: unknown): ApplicationCommandOptionType {
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number") return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  if (isRecord(value) && typeof value.url === "string") return ApplicationCommandOptionType.Attachment;
  return ApplicationCommandOptionType.String;
}

/** What Discord's client guarantees before sending: type, length, range and choice constraints. */
function checkValue(type: number, value: unknown, def: JsonObject, ctx: OptionBuildContext, name: string): unknown {
  const fail = (why: string): never => {
    throw new Error(`fake discord: /${ctx.command} option "${name}": ${why}`);
  };
  switch (type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== "string") fail("expects a string");
      const text = value as string;
      if (typeof def.min_length === "number" && text.length < def.min_length) fail(`shorter than min_length ${def.min_length}`);
      if (typeof def.max_length === "number" && text.length > def.max_length) fail(`longer than max_length ${def.max_length}`);
      break;
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      if (typeof value !== "number" || (type === ApplicationCommandOptionType.Integer && !Number.isInteger(value))) fail("expects a number");
      const n = value as number;
      if (typeof def.min_value === "number" && n < def.min_value) fail(`below min_value ${def.min_value}`);
      if (typeof def.max_value === "number" && n > def.max_value) fail(`above max_value ${def.max_value}`);
      break;
    }
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== "boolean") fail("expects a boolean");
      break;
    default:
      break;
  }
  const choices = asArray(def.choices).map((c) => asRecord(c).value);
  if (choices.length > 0 && !choices.includes(value)) fail(`${JSON.stringify(value)} is not one of the choices`);
  return value;
}

/** Snowflake-valued options carry an id; the objects go into data.resolved. */
function resolveValue(type: number, value: unknown, ctx: OptionBuildContext): string | number | boolean {
  const { world, resolved } = ctx;
  switch (type) {
    case ApplicationCommandOptionType.Attachment: {
      const attachment = isRecord(value) ? (value as unknown as APIAttachment) : ctx.attachments.find((a) => a.id === value);
      if (!attachment) throw new Error(`fake discord: /${ctx.command}: attachment ${String(value)} was not passed in attachments`);
      resolved.attachments = { ...resolved.attachments, [attachment.id]: attachment };
      return attachment.id;
    }
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Mentionable: {
      const user = world.findUser(String(value));
      if (user) {
        const { user: _user, ...member } = world.interactionMember(user);
        resolved.users = { ...resolved.users, [user.id]: world.apiUser(user) };
        resolved.members = { ...resolved.members, [user.id]: member };
        return user.id;
      }
      if (type === ApplicationCommandOptionType.User) throw new Error(`fake discord: no user ${String(value)}`);
      return resolveRole(String(value), ctx);
    }
    case ApplicationCommandOptionType.Role:
      return resolveRole(String(value), ctx);
    case ApplicationCommandOptionType.Channel: {
      const channel = world.channel(String(value));
      if (!channel) throw new Error(`fake discord: no channel ${String(value)}`);
      resolved.channels = {
        ...resolved.channels,
        [channel.id]: { id: channel.id, type: channel.type, name: channel.name ?? "", permissions: world.botPermissions().toString() },
      } as APIInteractionDataResolved["channels"];
      return channel.id;
    }
    default:
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
      throw new Error(`fake discord: /${ctx.command}: option value ${JSON.stringify(value)} has no wire form`);
  }
}

function resolveRole(id: string, ctx: OptionBuildContext): string {
  const role = ctx.world.roleList.find((r) => r.id === id);
  if (!role) throw new Error(`fake discord: no role or user ${id}`);
  ctx.resolved.roles = { ...ctx.resolved.roles, [role.id]: role };
  return role.id;
}

type Build = (inputs: SlashOptionInput[], defs: APIApplicationCommandOption[] | undefined) => APIApplicationCommandInteractionDataOption[];

/** Nests leaf options under `subcommand` / `subcommandGroup` when given. */
export function wrapSubcommand(p: SlashCommandDispatch, defs: APIApplicationCommandOption[] | undefined, build: Build): APIApplicationCommandInteractionDataOption[] {
  const inputs = p.options ?? [];
  if (!p.subcommand) return build(inputs, defs);
  const group = p.subcommandGroup ? findSub(defs, p.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup, p.name) : undefined;
  const sub = findSub(group ? subOptions(group) : defs, p.subcommand, ApplicationCommandOptionType.Subcommand, p.name);
  const leaf = { type: ApplicationCommandOptionType.Subcommand, name: p.subcommand, options: build(inputs, sub ? subOptions(sub) : undefined) };
  const wrapped = p.subcommandGroup ? { type: ApplicationCommandOptionType.SubcommandGroup, name: p.subcommandGroup, options: [leaf] } : leaf;
  return [wrapped as APIApplicationCommandInteractionDataOption];
}

function findSub(defs: APIApplicationCommandOption[] | undefined, name: string, type: ApplicationCommandOptionType, command: string): APIApplicationCommandOption | undefined {
  if (defs === undefined) return undefined;
  const found = defs.find((d) => d.name === name && d.type === type);
  if (!found) throw new Error(`fake discord: /${command} has no subcommand (group) ${name}`);
  return found;
}

function subOptions(def: APIApplicationCommandOption): APIApplicationCommandOption[] {
  return asArray(asRecord(def).options) as APIApplicationCommandOption[];
}
