// The buttons under a result (and under an interrupted job): their custom ids and their rows.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from "discord.js";
import { makeCustomId } from "../discord/custom-id.js";

export const JOB_BUTTON_PREFIX = "job:1";

export type JobAction = "reroll" | "edit" | "delete" | "retry";

export function jobButtonId(action: JobAction, ref: string): string {
  return makeCustomId(JOB_BUTTON_PREFIX, action, ref);
}

export function resultButtons(
  ref: string,
  { canEdit, canDelete, extra }: { canEdit: boolean; canDelete: boolean; extra?: ButtonBuilder | undefined },
) {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(jobButtonId("reroll", ref)).setLabel("Re-roll").setEmoji("🎲").setStyle(ButtonStyle.Secondary),
  );
  if (canEdit) {
    row.addComponents(
      new ButtonBuilder().setCustomId(jobButtonId("edit", ref)).setLabel("Edit").setEmoji("✏️").setStyle(ButtonStyle.Secondary),
    );
  }
  if (canDelete) {
    row.addComponents(
      new ButtonBuilder().setCustomId(jobButtonId("delete", ref)).setLabel("Delete").setEmoji("🗑️").setStyle(ButtonStyle.Danger),
    );
  }
  if (extra) row.addComponents(extra);
  return [row];
}

export function retryButtons(ref: string) {
  return [
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId(jobButtonId("retry", ref)).setLabel("Retry").setEmoji("🔁").setStyle(ButtonStyle.Primary),
    ),
  ];
}
