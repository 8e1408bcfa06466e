// /style save: a name, a prompt addition and up to 3 reference images. The images are checked as /edit checks its
// attachments, then copied onto fal storage (links there do not expire, Discord's do); nothing is saved unless all of
// it worked. Saving over a name the member already uses replaces that style.
import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { newReference } from "../discord/reference.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { userText } from "../discord/user-text.js";
import { InputUnavailableError, rehostImages } from "../fal/rehost.js";
import { fromAttachment, inputImageProblems, type InputImage } from "../generation/index.js";
import { countOf } from "../wording.js";
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

function wordProblems(name: string, prompt: string): string[] {
  const problems: string[] = [];
  if (isBlank(name)) problems.push(`The style's name is empty; give it a name of 1 to ${STYLE_NAME_MAX} characters.`);
  else if (name.length > STYLE_NAME_MAX) {
    problems.push(`The style's name is ${name.length} characters long; a name can be at most ${STYLE_NAME_MAX}. Choose a shorter name.`);
  }
  if (isBlank(prompt)) problems.push("The style's prompt is empty; describe the style in words, e.g. “watercolour, soft pastel colours”.");
  else if (prompt.length > PROMPT_ADDITION_MAX) {
    problems.push(`The style's prompt is ${prompt.length.toLocaleString("en-US")} characters long; it can be at most ${PROMPT_ADDITION_MAX}. Shorten it.`);
  }
  return problems;
}

const nothingSaved = (problems: readonly string[]) => `Nothing was saved. Please change this:\n${problems.map((p) => `• ${p}`).join("\n")}`;

/** Copies the images onto fal storage; an image Discord would not hand over is the member's to attach again. */
async function keepImages(images: readonly InputImage[], deps: PreferencesDeps): Promise<{ ok: true; urls: string[] } | { ok: false; message: string }> {
  try {
    const urls = await rehostImages(deps.fal, deps.download, images.map((image) => image.url));
    const elsewhere = urls.filter((url) => !deps.isFalStorageUrl(url));
    if (elsewhere.length) throw new Error(`fal storage answered with links elsewhere: ${elsewhere.join(", ")}`);
    return { ok: true, urls };
  } catch (error) {
    if (error instanceof InputUnavailableError) {
      const label = images.find((image) => image.url === error.url)?.label ?? "An image";
      deps.log.warn({ err: error }, "could not download a style's image");
      return { ok: false, message: nothingSaved([`${label} could not be fetched from Discord; attach it again.`]) };
    }
    const ref = newReference();
    deps.log.error({ err: error, ref }, "could not keep a style's images on fal storage");
    return { ok: false, message: `fal storage did not take the images just now, so nothing was saved (ref ${ref}). Please try again in a minute.` };
  }
}

export async function saveStyle(interaction: ChatInputCommandInteraction, deps: PreferencesDeps): Promise<void> {
  const userId = interaction.user.id;
  const name = normaliseStyleName(interaction.options.getString("name", true));
  const prompt = interaction.options.getString("prompt", true).trim();
  const images = styleImageOptions.flatMap((option) => {
    const attachment = interaction.options.getAttachment(option);
    return attachment ? [fromAttachment(option, attachment)] : [];
  });
  const problems = [...wordProblems(name, prompt), ...inputImageProblems(images)];
  if (problems.length) return replyPrivately(interaction, nothingSaved(problems));
  const existing = await deps.preferences.style(userId, name);
  const full = `You have ${MAX_STYLES} styles, the most one member can keep. Delete one with \`/style delete\`, or save over one of their names.`;
  if (!existing && (await deps.preferences.styles(userId)).length >= MAX_STYLES) return replyPrivately(interaction, full);

  let urls: string[] = [];
  if (images.length) {
    // Downloading and uploading can take longer than Discord's 3 seconds to answer.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const kept = await keepImages(images, deps);
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
        `${saved.replaced ? `Replaced your style ${quoted}` : `Saved your style ${quoted}`}: its prompt${urls.length ? ` and ${countOf(urls.length, "reference image")} (kept on fal storage)` : ""}.`,
        `Use it with \`style: ${name.replaceAll("`", "'")}\` on /imagine or /edit.${urls.length ? " On /imagine, a style with images runs on the model's edit version." : ""}`,
      ].join("\n")
    : full;
  if (saved.ok) deps.log.info({ user: userId, style: name, images: urls.length, replaced: Boolean(saved.replaced) }, "style saved");
  if (interaction.deferred) await interaction.editReply(content);
  else await replyPrivately(interaction, content);
}
