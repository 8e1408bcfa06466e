// Where Discord shows a command at all: a global command's `contexts` and `integration_types` decide (a guild's own
// commands ignore both and appear only in that guild). A member cannot invoke a command Discord does not show, so a
// dispatch of one is a mistake in the test, not something the bot could ever receive.
import { ApplicationIntegrationType, type APIApplicationCommand } from "discord-api-types/v10";
import type { InteractionPlace } from "./payloads.js";

const contextNames = ["guild", "bot DM", "private channel (group DM or other DM)"] as const;
const installNames = ["guild install", "user install"] as const;

/** Throws when Discord would not offer `command` where the interaction happens (its context, the installs there). */
export function assertOffered(command: APIApplicationCommand, place: Pick<InteractionPlace, "context" | "owners">): void {
  if (command.guild_id) return;
  const where = contextNames[place.context] ?? `context ${place.context}`;
  // Discord: contexts left out (null) means every context.
  if (command.contexts && !command.contexts.includes(place.context)) {
    throw new Error(
      `fake discord: command "${command.name}" is not offered in a ${where} (its contexts are [${command.contexts.join(", ")}]); Discord would not show it there`,
    );
  }
  const types = command.integration_types ?? [ApplicationIntegrationType.GuildInstall];
  if (!types.some((type) => place.owners[String(type)] !== undefined)) {
    const present = Object.keys(place.owners).map((key) => installNames[Number(key)] ?? key);
    throw new Error(
      `fake discord: command "${command.name}" is for [${types.map((type) => installNames[type] ?? type).join(", ")}] only, and a ${where} reached through [${present.join(", ")}] does not offer it; Discord would not show it there`,
    );
  }
}
