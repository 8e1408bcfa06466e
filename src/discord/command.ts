// What a module in commands/ exports, and the check that it does, run when the commands are loaded. `Ctx` is the
// services the app hands every command and handler (the app's context); this adapter knows nothing of what is in it.
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
import { customIdPrefixPattern } from "./custom-id.js";

/** Answers submits of the modals a command shows; found by the custom_id's "<name>:<version>" prefix (custom-id.ts). */
export interface ModalHandler<Ctx> {
  prefix: string;
  /** `args` are the custom_id's parts after the prefix. */
  handle(interaction: ModalSubmitInteraction, ctx: Ctx, args: readonly string[]): Promise<void>;
}

/** Answers clicks on the buttons a command (or the bot) posts; found by prefix like ModalHandler. */
export interface ButtonHandler<Ctx> {
  prefix: string;
  handle(interaction: ButtonInteraction, ctx: Ctx, args: readonly string[]): Promise<void>;
}

export interface ComponentHandlers<Ctx> {
  modals?: readonly ModalHandler<Ctx>[];
  buttons?: readonly ButtonHandler<Ctx>[];
}

export interface ChatInputCommand<Ctx> extends ComponentHandlers<Ctx> {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: Ctx): Promise<void>;
}

export interface MessageCommand<Ctx> extends ComponentHandlers<Ctx> {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: Ctx): Promise<void>;
}

export type Command<Ctx> = ChatInputCommand<Ctx> | MessageCommand<Ctx>;

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
export function assertCommandModule<Ctx>(file: string, module: unknown): Command<Ctx> {
  const parsed = commandModuleSchema.safeParse(module);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "module"}: ${issue.message}`);
    throw new Error(`command module ${file} is not a command (${problems.join("; ")})`);
  }
  return module as Command<Ctx>;
}
