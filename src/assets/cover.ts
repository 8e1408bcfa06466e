// "Set as event cover": the server's scheduled events to choose from (buttons, in a private message that carries the
// cover's file again, so the chosen event's press finds it on its own message), then the event's cover set to it.
import { AttachmentBuilder, MessageFlags, type ButtonInteraction, type Guild } from "discord.js";
import { mediaGallery, replyLayout, textDisplay } from "../generation/index.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";
import { eventRows } from "./asset-buttons.js";
import type { AssetDeps } from "./deps.js";
import { assetImage, auditReason, dataUri, serverFor, upload } from "./upload-steps.js";

/** The most events offered: four rows of five buttons. */
const maxEvents = 20;

/** After the press of "Set as event cover" (deferred): which event gets the cover. */
export async function chooseEvent(interaction: ButtonInteraction, ctx: AssetDeps, guild: Guild, say: Translate): Promise<void> {
  const events = [...(await guild.scheduledEvents.fetch()).values()]
    .sort((a, b) => (a.scheduledStartTimestamp ?? 0) - (b.scheduledStartTimestamp ?? 0))
    .slice(0, maxEvents);
  if (events.length === 0) return void (await interaction.editReply(say("assets.add.noEvents")));
  const image = await assetImage(interaction, interaction.message, "cover", ctx, say);
  if (!image) return;
  await interaction.editReply(
    replyLayout(
      [textDisplay(say("assets.panel.whichEvent")), mediaGallery([{ fileName: image.fileName, description: say("assets.fit.alt", { kind: "cover" }), spoiler: false }])],
      eventRows(events.map((event) => ({ id: event.id, name: event.name }))),
      { files: [new AttachmentBuilder(image.bytes, { name: image.fileName })] },
    ),
  );
}

/** An event's button in the chooser: its cover set to the file on that message. */
export async function setCover(interaction: ButtonInteraction, ctx: AssetDeps, eventId: string): Promise<void> {
  const say = translator(resolveLocale(interaction.locale));
  const guild = await serverFor(interaction, "cover", say);
  if (!guild) return;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const image = await assetImage(interaction, interaction.message, "cover", ctx, say);
  if (!image) return;
  await upload(interaction, ctx, say, "cover", async () => {
    const event = await guild.scheduledEvents.edit(eventId, { image: dataUri(image), reason: auditReason(interaction) });
    return say("assets.add.coverSet", { event: event.name });
  });
}
