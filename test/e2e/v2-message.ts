// Reading a job's reply as Discord shows it: a Components V2 message (a container of text displays and a media
// gallery, then action rows), or an older message's content. Takes a stored message, one of its revisions, an
// interaction response's data or a request body alike.
import type { FakeMessage } from "../fakes/discord/index.js";

const COMPONENTS_V2 = 1 << 15;

interface Component {
  type?: number;
  content?: string;
  custom_id?: string;
  components?: unknown[];
  accessory?: unknown;
  items?: Array<{ media?: { url?: string }; description?: string; spoiler?: boolean }>;
  accent_color?: number;
}

/** Anything with a message's fields. */
export interface MessageLike {
  content?: unknown;
  components?: readonly unknown[] | unknown;
  flags?: unknown;
}

function walk(message: MessageLike, visit: (component: Component) => void): void {
  const go = (components: readonly unknown[]) => {
    for (const raw of components) {
      const component = raw as Component;
      visit(component);
      go(component.components ?? []);
      if (component.accessory) go([component.accessory]);
    }
  };
  go(Array.isArray(message.components) ? message.components : []);
}

export function isV2(message: MessageLike): boolean {
  return typeof message.flags === "number" && (message.flags & COMPONENTS_V2) !== 0;
}

/** The message's text displays, in order. */
export function textsOf(message: MessageLike | undefined): string[] {
  const texts: string[] = [];
  if (message) {
    walk(message, (c) => {
      if (c.type === 10 && typeof c.content === "string") texts.push(c.content);
    });
  }
  return texts;
}

/** The message's words: its content (an older message), then each text display's, one per line. */
export function textOf(message: MessageLike | undefined): string {
  const content = typeof message?.content === "string" && message.content ? [message.content] : [];
  return [...content, ...textsOf(message)].join("\n");
}

export interface GalleryItem {
  /** The attachment's name, for `attachment://<name>`; else the whole url. */
  name: string;
  url: string;
  description: string | undefined;
  spoiler: boolean;
}

/** The images of the message's media galleries, in order. */
export function galleryOf(message: MessageLike): GalleryItem[] {
  const items: GalleryItem[] = [];
  walk(message, (c) => {
    if (c.type !== 12) return;
    for (const item of c.items ?? []) {
      const url = item.media?.url ?? "";
      items.push({ name: url.replace(/^attachment:\/\//, ""), url, description: item.description, spoiler: item.spoiler === true });
    }
  });
  return items;
}

/** The custom ids of the message's buttons, in order (nested ones too). */
export function buttonIdsOf(message: MessageLike): string[] {
  const ids: string[] = [];
  walk(message, (c) => {
    if (c.type === 2 && c.custom_id) ids.push(c.custom_id);
  });
  return ids;
}

/** The container's accent colour. */
export function accentOf(message: MessageLike): number | undefined {
  let accent: number | undefined;
  walk(message, (c) => {
    if (c.type === 17 && accent === undefined) accent = c.accent_color;
  });
  return accent;
}

/** The result's facts ("**Model:** Nano Banana" lines in its text displays) by label. */
export function factsOf(message: MessageLike): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const line of textOf(message).split("\n")) {
    const match = /^\*\*(.+?)\s?[:：]\*\* (.*)$/u.exec(line);
    if (match) facts[match[1]!] = match[2]!;
  }
  return facts;
}

/** The small print under a result ("-# …" lines): the notes on images made smaller. */
export function notesOf(message: MessageLike): string[] {
  return textOf(message)
    .split("\n")
    .filter((line) => line.startsWith("-# "))
    .map((line) => line.slice(3));
}

/** The files a V2 message shows (those its components reference), by name; all files of an older message. */
export function shownFiles(message: FakeMessage): FakeMessage["attachments"] {
  if (!isV2(message)) return message.attachments;
  const referenced = new Set(galleryOf(message).map((item) => item.name));
  return message.attachments.filter((file) => referenced.has(file.filename));
}
