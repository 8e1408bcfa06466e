// /preferences: a member's own defaults for /imagine and /edit — set, show, clear. Every answer is private.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { anyInstall, anywhere } from "../src/discord/install-contexts.js";
import { localize } from "../src/i18n/index.js";
import { catalog } from "../src/models/index.js";
import { addPreferencesSubcommands, runPreferences } from "../src/preferences/index.js";

const builder = localize(new SlashCommandBuilder(), "preferences", "preferences")
  .setContexts(...anywhere)
  .setIntegrationTypes(...anyInstall);

export const data = addPreferencesSubcommands(builder, catalog).toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  await runPreferences(interaction, ctx);
}
