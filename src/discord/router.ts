// The single entry for every interaction: finds its handler and guards it with one error boundary.
import { MessageFlags, type Interaction, type RepliableInteraction } from "discord.js";
import type { Logger } from "../log.js";
import type { ButtonHandler, Command, ComponentHandlers, ModalHandler } from "./command.js";
import { splitCustomId } from "./custom-id.js";
import { newReference } from "./reference.js";
import { resolveLocale, t } from "../i18n/index.js";

function byPrefix<H extends { prefix: string }>(kind: string, handlers: readonly H[]): Map<string, H> {
  const map = new Map<string, H>();
  for (const handler of handlers) {
    if (map.has(handler.prefix)) throw new Error(`two ${kind} handlers use the custom id prefix "${handler.prefix}"`);
    map.set(handler.prefix, handler);
  }
  return map;
}

/** `handlers`: the bot's own buttons and forms that belong to no command (the buttons under results). */
export function createInteractionRouter<Ctx extends { log: Logger }>(
  commands: ReadonlyMap<string, Command<Ctx>>,
  ctx: Ctx,
  handlers: readonly ComponentHandlers<Ctx>[] = [],
) {
  const sets = [...commands.values(), ...handlers];
  const modals = byPrefix<ModalHandler<Ctx>>("modal", sets.flatMap((set) => set.modals ?? []));
  const buttons = byPrefix<ButtonHandler<Ctx>>("button", sets.flatMap((set) => set.buttons ?? []));
  return async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    try {
      if (interaction.isAutocomplete()) {
        const command = commands.get(interaction.commandName);
        if (command && "autocomplete" in command && command.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
        return;
      }
      if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command) {
          await interaction.reply({
            content: t(resolveLocale(interaction.locale), "common.unknownCommand"),
            flags: MessageFlags.Ephemeral,
          });
          return;
        }
        // The command's data.type decides which interaction it is given; registration keeps the two in step.
        await (command.execute as (i: typeof interaction, c: Ctx) => Promise<void>)(interaction, ctx);
        return;
      }
      if (interaction.isModalSubmit() || interaction.isButton()) {
        const { prefix, args } = splitCustomId(interaction.customId);
        if (interaction.isButton()) {
          const handler = buttons.get(prefix);
          if (handler) return await handler.handle(interaction, ctx, args);
        } else {
          const handler = modals.get(prefix);
          if (handler) return await handler.handle(interaction, ctx, args);
        }
      }
      if (interaction.isRepliable()) {
        await interaction.reply({
          content: t(resolveLocale(interaction.locale), "common.inactiveComponent"),
          flags: MessageFlags.Ephemeral,
        });
      }
    } catch (error) {
      const ref = newReference();
      ctx.log.error(
        { err: error, ref, interaction: describe(interaction), ms: Math.round(performance.now() - started) },
        "interaction failed",
      );
      if (interaction.isRepliable()) await tellUserSomethingWentWrong(interaction, ref, ctx);
    }
  };
}

function describe(interaction: Interaction) {
  return {
    id: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() || interaction.isModalSubmit() ? interaction.customId : undefined,
    user: interaction.user.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
  };
}

async function tellUserSomethingWentWrong(interaction: RepliableInteraction, ref: string, ctx: { log: Logger }) {
  const content = t(resolveLocale(interaction.locale), "common.internalError", { ref });
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  } catch (error) {
    // The interaction may have expired; the log line with the ref is all that is left.
    ctx.log.warn({ err: error, ref }, "could not tell the user about a failed interaction");
  }
}
