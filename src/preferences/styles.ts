// /style: a member's saved styles — save (save-style.ts), list and delete — and the autocomplete that offers them on
// /style delete and on the `style` option of /imagine and /edit.
import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandBuilder, SlashCommandSubcommandsOnlyBuilder } from "discord.js";
import { MessageFlags } from "discord.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { localize } from "../i18n/index.js";
import { userText } from "../discord/user-text.js";
import type { StoredStyle } from "../store/preferences.js";
import { quote } from "../wording.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";
import type { PreferencesDeps } from "./deps.js";
import { normaliseStyleName, saveStyle, styleImageOptions } from "./save-style.js";
import { MAX_STYLES, PROMPT_ADDITION_MAX, STYLE_IMAGES_MAX, STYLE_NAME_MAX } from "./schema.js";

export function addStyleSubcommands(builder: SlashCommandBuilder): SlashCommandSubcommandsOnlyBuilder {
  return builder
    .addSubcommand((s) => {
      localize(s, "save", "style.save")
        .addStringOption((o) => localize(o, "name", "style.save.name").setRequired(true).setMinLength(1).setMaxLength(STYLE_NAME_MAX))
        .addStringOption((o) => localize(o, "prompt", "style.save.prompt").setRequired(true).setMinLength(1).setMaxLength(PROMPT_ADDITION_MAX));
      for (const [index, option] of styleImageOptions.slice(0, STYLE_IMAGES_MAX).entries()) {
        s.addAttachmentOption((o) => localize(o, option, index === 0 ? "style.save.image" : "style.save.moreImages"));
      }
      return s;
    })
    .addSubcommand((s) => localize(s, "list", "style.list"))
    .addSubcommand((s) =>
      localize(s, "delete", "style.delete").addStringOption((o) => localize(o, "name", "style.delete.name").setRequired(true).setAutocomplete(true).setMaxLength(100)),
    );
}

const images = (say: Translate, style: StoredStyle) => (style.imageUrls.length ? say("preferences.choiceImages", { count: style.imageUrls.length }) : "");

async function list(interaction: ChatInputCommandInteraction, deps: PreferencesDeps, say: Translate): Promise<void> {
  const styles = await deps.preferences.styles(interaction.user.id);
  if (!styles.length) return replyPrivately(interaction, say("preferences.noStyles"));
  const lines = styles.map((style) => {
    const links = style.imageUrls.map((url, index) => `[${index + 1}](${url})`).join(" ");
    const withImages = style.imageUrls.length ? say("preferences.listImages", { links }) : "";
    return `**${userText(style.name, STYLE_NAME_MAX + 2)}** — ${userText(style.promptAddition, 80)}${withImages}`;
  });
  await interaction.reply({
    embeds: [
      {
        title: say("preferences.listTitle", { count: styles.length, max: MAX_STYLES }),
        description: lines.join("\n").slice(0, 4096),
        footer: { text: say("preferences.listFooter") },
      },
    ],
    flags: MessageFlags.Ephemeral,
  });
}

async function remove(interaction: ChatInputCommandInteraction, deps: PreferencesDeps, say: Translate): Promise<void> {
  const name = normaliseStyleName(interaction.options.getString("name", true));
  const deleted = await deps.preferences.deleteStyle(interaction.user.id, name);
  if (!deleted) return replyPrivately(interaction, say("preferences.noSuchStyle", { name: userText(name, 100) }));
  deps.log.info({ user: interaction.user.id, style: deleted.name }, "style deleted");
  return replyPrivately(interaction, say("preferences.deleted", { name: userText(deleted.name, STYLE_NAME_MAX + 2) }));
}

export async function runStyle(interaction: ChatInputCommandInteraction, deps: PreferencesDeps): Promise<void> {
  const say = translator(resolveLocale(interaction.locale));
  const sub = interaction.options.getSubcommand(true);
  if (sub === "save") return saveStyle(interaction, deps);
  if (sub === "list") return list(interaction, deps, say);
  if (sub === "delete") return remove(interaction, deps, say);
}

/** Discord shows at most 25 choices, each named in at most 100 characters. */
const CHOICES_MAX = 25;
const CHOICE_NAME_MAX = 100;

/**
 * Answers autocomplete on a style option (`style` on /imagine and /edit, `name` on /style delete): the member's
 * styles whose names contain what they typed, those starting with it first.
 */
export async function styleChoices(interaction: AutocompleteInteraction, deps: Pick<PreferencesDeps, "preferences">): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== "style" && focused.name !== "name") return interaction.respond([]);
  const say = translator(resolveLocale(interaction.locale));
  const typed = normaliseStyleName(String(focused.value)).toLowerCase();
  const styles = await deps.preferences.styles(interaction.user.id);
  const rank = (style: StoredStyle) => (style.name.toLowerCase().startsWith(typed) ? 0 : 1);
  const matches = styles
    .filter((style) => style.name.toLowerCase().includes(typed))
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, CHOICES_MAX);
  await interaction.respond(
    matches.map((style) => ({ name: quote(`${style.name}${images(say, style)} — ${style.promptAddition}`, CHOICE_NAME_MAX), value: style.name })),
  );
}
