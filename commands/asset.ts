// /asset: a server emoji, sticker, icon, banner or event cover from a prompt, fitted to Discord's rules for it.
import { PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { AppContext } from "../src/context.js";
import { assetKinds, runAssetCommand } from "../src/assets/index.js";
import { addPrivateOption } from "../src/generation/index.js";
import { localize, valueChoice } from "../src/i18n/index.js";
import { catalog, formatUsd } from "../src/models/index.js";

const cutout = catalog.list("background-removal")[0];

const builder = localize(new SlashCommandBuilder(), "asset", "asset")
  // In servers that installed falcord: adding to a server takes the bot in it.
  .setContexts(0)
  .setIntegrationTypes(0)
  // Moderators who may add emoji and stickers; the icon and banner also take Manage Server, checked when used.
  .setDefaultMemberPermissions(PermissionFlagsBits.CreateGuildExpressions)
  .addStringOption((o) => localize(o, "kind", "asset.kind").setRequired(true).addChoices(...assetKinds.map((kind) => valueChoice(kind))))
  .addStringOption((o) => localize(o, "prompt", "asset.prompt").setRequired(true).setMaxLength(1000))
  .addAttachmentOption((o) => localize(o, "image", "asset.image"))
  .addBooleanOption((o) => localize(o, "remove_background", "asset.remove_background", { price: formatUsd(cutout ? cutout.estimateCost({}).usd : 0) }));
addPrivateOption(builder);

export const data = builder.toJSON();

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  await runAssetCommand(interaction, ctx);
}
