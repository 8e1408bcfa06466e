// A job's reply as a Components V2 message (flag IS_COMPONENTS_V2): one container in the bot's accent colour holding
// the reply's text and images, then its action rows. Progress, the result and a failure all take this layout: the
// flag cannot be taken off a message again, and content and embeds are not allowed beside it. Written as the API's
// own component objects (which discord.js takes as they are), as result-buttons.ts writes the rows.
import {
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInContainer,
  type APIMediaGalleryComponent,
  type APITextDisplayComponent,
  type AttachmentBuilder,
} from "discord.js";

/** The accent of a progress or a result, as the embeds had. */
export const ACCENT_COLOUR = 0x5865f2;
/** The accent of a failure. */
export const FAILURE_COLOUR = 0xed4245;

/** Discord's most characters of text across all of a message's text displays. */
export const MAX_MESSAGE_TEXT = 4000;

/** Discord's most characters of a media gallery item's description (its alt text). */
export const MAX_ALT_TEXT = 1024;

export interface ReplyLayout {
  flags: MessageFlags.IsComponentsV2;
  components: Array<
    | { type: ComponentType.Container; accent_color: number; components: APIComponentInContainer[] }
    | APIActionRowComponent<APIButtonComponent>
  >;
  files?: AttachmentBuilder[];
}

export function textDisplay(content: string): APITextDisplayComponent {
  return { type: ComponentType.TextDisplay, content };
}

export interface GalleryImage {
  fileName: string;
  /** The alt text, at most MAX_ALT_TEXT characters. */
  description: string;
  spoiler: boolean;
}

/** The images of a message's files, each shown by its attachment's name. */
export function mediaGallery(images: readonly GalleryImage[]): APIMediaGalleryComponent {
  return {
    type: ComponentType.MediaGallery,
    items: images.map((image) => ({
      media: { url: `attachment://${image.fileName}` },
      description: image.description,
      ...(image.spoiler ? { spoiler: true } : {}),
    })),
  };
}

export function replyLayout(
  parts: APIComponentInContainer[],
  rows: readonly APIActionRowComponent<APIButtonComponent>[],
  { accent = ACCENT_COLOUR, files }: { accent?: number; files?: AttachmentBuilder[] } = {},
): ReplyLayout {
  return {
    flags: MessageFlags.IsComponentsV2,
    components: [{ type: ComponentType.Container, accent_color: accent, components: parts }, ...rows],
    ...(files ? { files } : {}),
  };
}

/** A reply of words only (progress, a failure): one text display, and its rows. */
export function textReply(text: string, rows: readonly APIActionRowComponent<APIButtonComponent>[], accent = ACCENT_COLOUR): ReplyLayout {
  return replyLayout([textDisplay(text.slice(0, MAX_MESSAGE_TEXT))], rows, { accent });
}

/** The layout with `note` as the first text of its card (a reply Discord keeps private says so, whatever it shows). */
export function withLeadingNote(layout: ReplyLayout, note: string): ReplyLayout {
  return {
    ...layout,
    components: layout.components.map((component) =>
      component.type === ComponentType.Container ? { ...component, components: [textDisplay(`-# ${note}`), ...component.components] } : component,
    ),
  };
}
