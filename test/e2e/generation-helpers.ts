// Shared steps of the generation suites: input images on the fake CDN, dispatching /imagine and /edit,
// and reading the wire records of the fakes.
import type { APIAttachment } from "discord-api-types/v10";
import sharp from "sharp";
import type {
  FakeMessage,
  FakeUser,
  InteractionHandle,
  InteractionResponseRecord,
  RecordedRequest,
  SimpleOption,
} from "../fakes/discord/index.js";
import type { RecordedFalRequest } from "../fakes/fal/index.js";
import type { Harness } from "./harness.js";
import { buttonIdsOf, textOf, type MessageLike } from "./v2-message.js";

/** A small real PNG, a different colour per call so inputs are distinguishable. */
let shade = 0;
export async function pngBytes(width = 96, height = 64): Promise<Buffer> {
  shade = (shade + 47) % 256;
  return sharp({ create: { width, height, channels: 3, background: { r: shade, g: 120, b: 255 - shade } } })
    .png()
    .toBuffer();
}

/** A member's image on the fake Discord CDN, ready to pass as an attachment option. */
export async function hostImage(h: Harness, filename = "photo.png"): Promise<APIAttachment> {
  return h.discord.hostAttachment({ filename, contentType: "image/png", data: await pngBytes() });
}

export interface GenerationCommand {
  prompt: string;
  /** Option name → value, e.g. { model: "nano-banana-pro", count: 2 }. */
  options?: Record<string, string | number | boolean>;
  /** /edit only: the attachments, given to the options image, image2, … in order. */
  images?: APIAttachment[];
  channelId?: string;
  /** Who runs the command; the fake's default is the plain member. */
  user?: FakeUser;
  /** Deliver the option values unchecked, as a modified client could send them. */
  crafted?: boolean;
  /** The member's Discord locale; the fake's default is en-US. */
  locale?: string;
}

const imageOptionNames = ["image", "image2", "image3", "image4", "image5"];

function dispatch(h: Harness, name: "imagine" | "edit", command: GenerationCommand): InteractionHandle {
  const images = command.images ?? [];
  const options: SimpleOption[] = [
    { name: "prompt", value: command.prompt },
    ...images.map((attachment, i) => ({ name: imageOptionNames[i] ?? `image${i + 1}`, value: attachment })),
    ...Object.entries(command.options ?? {}).map(([name, value]) => ({ name, value })),
  ];
  return h.discord.dispatchSlashCommand({
    name,
    options,
    ...(images.length ? { attachments: images } : {}),
    ...(command.channelId ? { channelId: command.channelId } : {}),
    ...(command.user ? { user: command.user } : {}),
    ...(command.crafted ? { crafted: true } : {}),
    ...(command.locale ? { locale: command.locale } : {}),
  });
}

export const imagine = (h: Harness, command: GenerationCommand) => dispatch(h, "imagine", command);
export const edit = (h: Harness, command: GenerationCommand) => dispatch(h, "edit", command);

const refPattern = /\(ref ([A-Z2-9]{6})\)/;

/** A result (it has a Re-roll button, and nothing else the bot writes in a reply does) or a failure (text with a ref). */
export const isFinal = (message: MessageLike) =>
  buttonIdsOf(message).some((id) => id.startsWith("job:1:reroll:")) || refPattern.test(textOf(message));

/**
 * The reply once the job is over: the result or a failure (text with a ref). Resolves once the fake
 * has also recorded that edit's request (it records after answering), so the records are complete too.
 */
export async function waitForFinal(h: Harness, interaction: InteractionHandle, timeoutMs = 15_000): Promise<FakeMessage> {
  const message = await interaction.waitForOriginal(isFinal, timeoutMs);
  await h.discord.waitForRequest((r) => r.path.includes(interaction.token) && r.method === "PATCH" && isFinal(bodyOf(r)), timeoutMs);
  return message;
}

/** The `(ref XXXXXX)` a failure reply quotes. */
export function refOf(message: MessageLike): string {
  const ref = refPattern.exec(textOf(message))?.[1];
  if (!ref) throw new Error(`no (ref …) in the reply: ${textOf(message)}`);
  return ref;
}

export function falRequests(h: Harness, route: RecordedFalRequest["route"], since = 0): RecordedFalRequest[] {
  return h.fal.requests.slice(since).filter((r) => r.route === route);
}

/** Once fal runs the job whose submit matches, and the bot watches it there (not an earlier job's stream). */
export async function watchedAtFal(h: Harness, matches: (submit: RecordedFalRequest) => boolean): Promise<void> {
  const { requestId } = await h.fal.waitForRequest((r) => r.route === "submit" && matches(r), 10_000);
  await h.fal.waitForArrival((a) => a.route === "stream" && a.requestId === requestId, 10_000);
}

export function submitBody(request: RecordedFalRequest): Record<string, unknown> {
  return request.body as Record<string, unknown>;
}

/** The HTTP requests that wrote this interaction's messages: its callback and its webhook calls, in arrival order. */
export function interactionWrites(h: Harness, interaction: InteractionHandle): RecordedRequest[] {
  return h.discord.requests.filter(
    (r) =>
      r.kind === "http" &&
      (r.path.includes(`/interactions/${interaction.id}/`) || r.path.includes(`/webhooks/${h.discord.applicationId}/${interaction.token}`)),
  );
}

/** PATCHes of @original for this interaction, in arrival order. */
export function originalEdits(h: Harness, interaction: InteractionHandle): RecordedRequest[] {
  return interactionWrites(h, interaction).filter(
    (r) => r.method === "PATCH" && r.route === "/webhooks/:app/:token/messages/@original",
  );
}

export function bodyOf(request: RecordedRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>;
}

/**
 * The Discord writes that put image files into this interaction's reply: edits through its token and bot-token
 * edits of its message. A result delivered once has exactly one.
 */
export function resultWrites(h: Harness, interaction: InteractionHandle): RecordedRequest[] {
  const messageId = interaction.original()?.id;
  return h.discord.requests.filter(
    (r) =>
      r.kind === "http" &&
      r.files.length > 0 &&
      (r.path.includes(interaction.token) || (messageId !== undefined && r.path.endsWith(`/messages/${messageId}`))),
  );
}

type ButtonFields = { type?: number; custom_id?: string; label?: string; components?: unknown[] };

/** The buttons among components (rows and what they hold), in order. */
function buttonsIn(components: readonly unknown[]): ButtonFields[] {
  return components.flatMap((raw) => {
    const component = raw as ButtonFields;
    return [...(component.type === 2 ? [component] : []), ...buttonsIn(component.components ?? [])];
  });
}

/** The custom ids of a message's buttons, in order. */
export function buttonIds(message: FakeMessage): string[] {
  return buttonsIn(message.components).flatMap((button) => (button.custom_id ? [button.custom_id] : []));
}

/** The labels of the buttons among components (a message's, or an edit's as sent), in order. */
export function buttonLabels(components: readonly unknown[]): string[] {
  return buttonsIn(components).flatMap((button) => (button.label ? [button.label] : []));
}

/** An embed's fields by name, from a message or an interaction response (the answers of /settings and /usage; a job's result: factsOf). */
export function fieldsOf(message: InteractionResponseRecord | FakeMessage, embed = 0): Record<string, string> {
  const embeds = ("history" in message ? message.embeds : message.data?.embeds) as { fields?: { name: string; value: string }[] }[] | undefined;
  return Object.fromEntries((embeds?.[embed]?.fields ?? []).map((f) => [f.name, f.value]));
}
