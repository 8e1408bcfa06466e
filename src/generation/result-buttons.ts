// The buttons under a result (and under an interrupted job): their custom ids and their rows. Written as the API's
// own component objects (which discord.js takes as they are): they are the bot's constants, sent with every result,
// and the builders would validate each anew.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from "discord.js";
import { makeCustomId } from "../discord/custom-id.js";

export const JOB_BUTTON_PREFIX = "job:1";

export type JobAction = "reroll" | "edit" | "delete" | "retry" | "cancel" | "run";

export function jobButtonId(action: JobAction, ref: string): string {
  return makeCustomId(JOB_BUTTON_PREFIX, action, ref);
}

function jobButton(action: JobAction, ref: string, label: string, emoji: string, style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: jobButtonId(action, ref), label, emoji: { name: emoji }, style };
}

function row(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons };
}

export function resultButtons(
  ref: string,
  { canEdit, canDelete, extra }: { canEdit: boolean; canDelete: boolean; extra?: APIButtonComponent | undefined },
) {
  const buttons = [jobButton("reroll", ref, "Re-roll", "🎲", ButtonStyle.Secondary)];
  if (canEdit) buttons.push(jobButton("edit", ref, "Edit", "✏️", ButtonStyle.Secondary));
  if (canDelete) buttons.push(jobButton("delete", ref, "Delete", "🗑️", ButtonStyle.Danger));
  if (extra) buttons.push(extra);
  return [row(buttons)];
}

/** Under a Describe's prompts: "Run n" makes an image from prompt n. */
export function runButtonId(ref: string, n: number): string {
  return makeCustomId(JOB_BUTTON_PREFIX, "run", ref, String(n));
}

export function runButtons(ref: string, count: number) {
  const buttons: APIButtonComponent[] = Array.from({ length: count }, (_, i) => ({
    type: ComponentType.Button,
    custom_id: runButtonId(ref, i + 1),
    label: `Run ${i + 1}`,
    emoji: { name: "🎨" },
    style: ButtonStyle.Primary,
  }));
  return buttons.length ? [row(buttons)] : [];
}

/** Under a job's progress while it waits or runs. */
export function cancelButtons(ref: string) {
  return [row([jobButton("cancel", ref, "Cancel", "🛑", ButtonStyle.Secondary)])];
}

export function retryButtons(ref: string) {
  return [row([jobButton("retry", ref, "Retry", "🔁", ButtonStyle.Primary)])];
}
