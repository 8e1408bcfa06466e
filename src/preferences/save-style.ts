// /style save: a name, a prompt addition and up to 3 reference images. The images are checked as /edit checks its
// attachments, then copied onto fal storage (links there do not expire, Discord's do); nothing is saved unless all of
// it worked. Saving over a name the member already uses replaces that style.
import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { newReference } from "../discord/reference.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { userText } from "../discord/user-text.js";
import { InputUnavailableError, rehostImages } from "../fal/rehost.js";
import { fromAttachment, inputImageProblems, type InputImage } from "../generation/index.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";
import type { PreferencesDeps } from "./deps.js";
import { MAX_STYLES, PROMPT_ADDITION_MAX, STYLE_NAME_MAX } from "./schema.js";

export const styleImageOptions = ["image", "image2", "image3"] as const;

/** A name on one line, its runs of spaces made one. */
export function normaliseStyleName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** Characters that show nothing (format characters, blank fillers): a name or prompt of only these is empty. */
const invisible = /[\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;
const isBlank = (text: string) => !text.replace(invisible, "").trim();

function wordProblems(name: string, prompt: string, say: Translate): string[] {
  const problems: string[] = [];
  if (isBlank(name)) problems.push(say("preferences.nameEmpty", { max: STYLE_NAME_MAX }));
  else if (name.length > STYLE_NAME_MAX) problems.push(say("preferences.nameTooLong", { length: name.length, max: STYLE_NAME_MAX }));
  if (isBlank(prompt)) problems.push(say("preferences.promptEmpty"));
  else if (prompt.length > PROMPT_ADDITION_MAX) problems.push(say("preferences.promptTooLong", { length: prompt.length, max: PROMPT_ADDITION_MAX }));
  return problems;
}

const nothingSaved = (say: Translate, problems: readonly string[]) =>
  say("preferences.nothingSaved", { problems: problems.map((p) => `• ${p}`).join("\n") });

/** Copies the images onto fal storage; an image Discord would not hand over is the member's to attach again. */
async function keepImages(
  images: readonly InputImage[],
  deps: PreferencesDeps,
  say: Translate,
): Promise<{ ok: true; urls: string[] } | { ok: false; message: string }> {
  try {
    const urls = await rehostImages(deps.fal, deps.download, images.map((image) => image.url));
    const elsewhere = urls.filter((url) => !deps.isFalStorageUrl(url));
    if (elsewhere.length) throw new Error(`fal storage answered with links elsewhere: ${elsewhere.join(", ")}`);
    return { ok: true, urls };
  } catch (error) {
    if (error instanceof InputUnavailableError) {
      const label = images.find((image) => image.url === error.url)?.label ?? say("preferences.anImage");
      deps.log.warn({ err: error }, "could not download a style's image");
      return { ok: false, message: nothingSaved(say, [say("preferences.imageUnfetchable", { label })]) };
    }
    const ref = newReference();
    deps.log.error({ err: error, ref }, "could not keep a style's images on fal storage");
    return { ok: false, message: say("preferences.storageFailed", { ref }) };
  }
}

export async function saveStyle(interaction: ChatInputCommandInteraction, deps: PreferencesDeps): Promise<void> {
  const userId = interaction.user.id;
  const say = translator(resolveLocale(interaction.locale));
  const name = normaliseStyleName(interaction.options.getString("name", true));
  const prompt = interaction.options.getString("prompt", true).trim();
  const images = styleImageOptions.flatMap((option) => {
    const attachment = interaction.options.getAttachment(option);
    return attachment ? [fromAttachment(option, attachment)] : [];
  });
  const problems = [...wordProblems(name, prompt, say), ...inputImageProblems(images, resolveLocale(interaction.locale))];
  if (problems.length) return replyPrivately(interaction, nothingSaved(say, problems));
  const existing = await deps.preferences.style(userId, name);
  const full = say("preferences.stylesFull", { max: MAX_STYLES });
  if (!existing && (await deps.preferences.styles(userId)).length >= MAX_STYLES) return replyPrivately(interaction, full);

  let urls: string[] = [];
  if (images.length) {
    // Downloading and uploading can take longer than Discord's 3 seconds to answer.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const kept = await keepImages(images, deps, say);
    if (!kept.ok) {
      await interaction.editReply(kept.message);
      return;
    }
    urls = kept.urls;
  }
  const saved = await deps.preferences.saveStyle(userId, { name, promptAddition: prompt, imageUrls: urls }, MAX_STYLES);
  const quoted = `“${userText(name, STYLE_NAME_MAX + 2)}”`;
  const content = saved.ok
    ? [
        say("preferences.styleSaved", { replaced: saved.replaced ? "yes" : "no", name: quoted, images: urls.length }),
        say("preferences.styleUse", { name: name.replaceAll("`", "'"), withImages: urls.length ? "yes" : "no" }),
      ].join("\n")
    : full;
  if (saved.ok) deps.log.info({ user: userId, style: name, images: urls.length, replaced: Boolean(saved.replaced) }, "style saved");
  if (interaction.deferred) await interaction.editReply(content);
  else await replyPrivately(interaction, content);
}
