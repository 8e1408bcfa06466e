// What a module in commands/ exports, and the check that it does, run when the commands are loaded.
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord.js";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { customIdPrefixPattern } from "./custom-id.js";

/** Answers submits of the modals a command shows; found by the custom_id's "<name>:<version>" prefix (custom-id.ts). */
export interface ModalHandler {
  prefix: string;
  /** `args` are the custom_id's parts after the prefix. */
  handle(interaction: ModalSubmitInteraction, ctx: AppContext, args: readonly string[]): Promise<void>;
}

/** Answers clicks on the buttons a command (or the bot) posts; found by prefix like ModalHandler. */
export interface ButtonHandler {
  prefix: string;
  handle(interaction: ButtonInteraction, ctx: AppContext, args: readonly string[]): Promise<void>;
}

export interface ComponentHandlers {
  modals?: readonly ModalHandler[];
  buttons?: readonly ButtonHandler[];
}

type CommandHandlers = ComponentHandlers;

export interface ChatInputCommand extends CommandHandlers {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void>;
}

export interface MessageCommand extends CommandHandlers {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: AppContext): Promise<void>;
}

export type Command = ChatInputCommand | MessageCommand;

const handlerSchema = z.object({
  prefix: z.string().regex(customIdPrefixPattern, 'must be "<name>:<version>", e.g. "editai:1"'),
  handle: z.function(),
});

const commandModuleSchema = z.object({
  data: z
    .object({
      name: z.string().min(1).max(32),
      type: z.union([z.literal(1), z.literal(3)]).optional(),
    })
    .loose(),
  execute: z.function(),
  autocomplete: z.function().optional(),
  modals: z.array(handlerSchema).optional(),
  buttons: z.array(handlerSchema).optional(),
});

/** Checks a loaded module's shape; throws an Error naming the file and what is wrong. */
export function assertCommandModule(file: string, module: unknown): Command {
  const parsed = commandModuleSchema.safeParse(module);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "module"}: ${issue.message}`);
    throw new Error(`command module ${file} is not a command (${problems.join("; ")})`);
  }
  return module as Command;
}
