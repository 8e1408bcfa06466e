import type { APIAllowedMentions, APIEmbed, APIMessageTopLevelComponent } from "discord-api-types/v10";
import type { AttachmentHost } from "./attachments.js";
import { LIMITS, MESSAGE_FLAGS } from "./constants.js";
import { DiscordErrors } from "./errors.js";
import type { UploadedFile } from "./http/body.js";
import type { MessageStore, NewMessage } from "./messages.js";
import type { FakeAttachment, FakeMessage, MessageContent } from "./types.js";
import { asArray, asRecord, isRecord, optionalString, type JsonObject } from "./util.js";
import { FormErrors } from "./validation/form-errors.js";
import { validateAttachmentReferences, validateMessageBody } from "./validation/message.js";

interface Upload {
  file: UploadedFile;
  filename: string;
  description?: string;
}

export type MessageMeta = Omit<NewMessage, keyof MessageContent>;

/** Turns create/edit bodies (+ multipart files) into stored messages, with Discord's checks in Discord's order. */
export class MessageWriter {
  constructor(
    private readonly store: MessageStore,
    private readonly host: AttachmentHost,
    private readonly sizeLimit: number,
  ) {}

  create(body: unknown, files: UploadedFile[], meta: MessageMeta, extraFlags = 0): FakeMessage {
    const b = asRecord(body);
    const flags = (typeof b.flags === "number" ? b.flags : 0) | extraFlags;
    validateMessageBody(b, (flags & MESSAGE_FLAGS.componentsV2) !== 0);
    const uploads = this.planUploads(b, files, []);
    const next = {
      content: optionalString(b.content) ?? "",
      embeds: listOf<APIEmbed>(b.embeds),
      components: listOf<APIMessageTopLevelComponent>(b.components),
      flags,
      allowed_mentions: allowedMentions(b.allowed_mentions),
    };
    if (isEmpty(next, uploads.keep.length + uploads.uploads.length) && b.poll === undefined) throw DiscordErrors.emptyMessage();
    if ((flags & MESSAGE_FLAGS.componentsV2) !== 0) validateAttachmentReferences(next.components, uploads.uploads.map((u) => u.filename));
    const attachments = this.materialize(uploads.uploads, meta.channelId, (flags & MESSAGE_FLAGS.ephemeral) !== 0);
    return this.store.create({ ...meta, ...next, attachments });
  }

  /** Creates a message with no content yet (the "thinking…" state of a deferred reply). */
  createLoading(meta: MessageMeta, flags: number): FakeMessage {
    const loading = { content: "", embeds: [], components: [], attachments: [], allowed_mentions: undefined };
    return this.store.create({ ...meta, ...loading, flags: flags | MESSAGE_FLAGS.loading });
  }

  edit(message: FakeMessage, body: unknown, files: UploadedFile[], route: string): FakeMessage {
    const b = asRecord(body);
    if ((message.flags & MESSAGE_FLAGS.componentsV2) !== 0 && typeof b.flags === "number" && (b.flags & MESSAGE_FLAGS.componentsV2) === 0) {
      const errors = new FormErrors();
      errors.add(["flags"], "MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG", "The MessageFlags.IS_COMPONENTS_V2 flag cannot be removed from a message.");
      errors.throwIfAny();
    }
    const flags = editedFlags(message.flags, b.flags);
    validateMessageBody(b, (flags & MESSAGE_FLAGS.componentsV2) !== 0);
    const uploads = this.planUploads(b, files, message.attachments);
    const next = {
      content: "content" in b ? (optionalString(b.content) ?? "") : message.content,
      embeds: "embeds" in b ? listOf<APIEmbed>(b.embeds) : message.embeds,
      components: "components" in b ? listOf<APIMessageTopLevelComponent>(b.components) : message.components,
      flags,
      allowed_mentions: "allowed_mentions" in b ? allowedMentions(b.allowed_mentions) : message.allowed_mentions,
    };
    if ((flags & MESSAGE_FLAGS.componentsV2) !== 0 && (next.content !== "" || next.embeds.length > 0)) {
      const errors = new FormErrors();
      errors.add(["content"], "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "The 'content' and 'embeds' fields must be cleared when using MessageFlags.IS_COMPONENTS_V2");
      errors.throwIfAny();
    }
    if (isEmpty(next, uploads.keep.length + uploads.uploads.length)) throw DiscordErrors.emptyMessage();
    if ((flags & MESSAGE_FLAGS.componentsV2) !== 0) {
      validateAttachmentReferences(next.components, [...uploads.keep.map((a) => a.filename), ...uploads.uploads.map((u) => u.filename)]);
    }
    const added = this.materialize(uploads.uploads, message.channel_id, (flags & MESSAGE_FLAGS.ephemeral) !== 0);
    return this.store.update(message, { ...next, attachments: [...uploads.keep, ...added] }, route);
  }

  /**
   * Maps `files[n]` parts to `attachments[{id: n}]` entries; existing attachments survive an edit only when
   * listed (or when `attachments` is absent). Errors: 50035 unknown ids, 30015 over 10 files, 413 40005 per-file size.
   */
  private planUploads(body: JsonObject, files: UploadedFile[], existing: FakeAttachment[]): { keep: FakeAttachment[]; uploads: Upload[] } {
    const listed = Array.isArray(body.attachments) ? body.attachments.map(asRecord) : undefined;
    const errors = new FormErrors();
    const byIndex = new Map<string, UploadedFile>();
    files.forEach((file, position) => byIndex.set(fileIndex(file.field) ?? String(position), file));
    const keep: FakeAttachment[] = [];
    const meta = new Map<UploadedFile, JsonObject>();
    listed?.forEach((entry, i) => {
      const id = entry.id === undefined ? undefined : String(entry.id);
      const upload = id === undefined ? undefined : byIndex.get(id);
      const old = existing.find((a) => a.id === id);
      if (upload) meta.set(upload, entry);
      else if (old) keep.push(old);
      else errors.add(["attachments", i, "id"], "ATTACHMENT_NOT_FOUND", "Unknown attachment id");
    });
    errors.throwIfAny();
    const kept = listed ? keep : existing;
    if (files.length + kept.length > LIMITS.files) throw DiscordErrors.tooManyAttachments();
    if (files.some((f) => f.data.length > this.sizeLimit)) throw DiscordErrors.entityTooLarge();
    const uploads = files.map((file) => {
      const entry = meta.get(file);
      const description = optionalString(entry?.description);
      return { file, filename: optionalString(entry?.filename) ?? file.filename, ...(description !== undefined ? { description } : {}) };
    });
    return { keep: kept, uploads };
  }

  private materialize(uploads: Upload[], channelId: string, ephemeral: boolean): FakeAttachment[] {
    return uploads.map((u) =>
      this.host.host(
        {
          filename: u.filename,
          contentType: u.file.contentType,
          data: u.file.data,
          ephemeral,
          ...(u.description !== undefined ? { description: u.description } : {}),
        },
        channelId,
      ),
    );
  }
}

function fileIndex(field: string): string | undefined {
  return /^files?\[(\d+)\]$/.exec(field)?.[1];
}

function listOf<T>(value: unknown): T[] {
  return asArray(value) as T[];
}

function allowedMentions(value: unknown): APIAllowedMentions | undefined {
  return isRecord(value) ? (value as APIAllowedMentions) : undefined;
}

/** Only SUPPRESS_EMBEDS can be toggled by an edit; IS_COMPONENTS_V2 can be turned on but never off (edit() refuses that); LOADING ends. */
function editedFlags(current: number, requested: unknown): number {
  const base = current & ~MESSAGE_FLAGS.loading;
  if (typeof requested !== "number") return base;
  const toggled = (base & ~MESSAGE_FLAGS.suppressEmbeds) | (requested & MESSAGE_FLAGS.suppressEmbeds);
  return toggled | (requested & MESSAGE_FLAGS.componentsV2);
}

function isEmpty(c: { content: string; embeds: unknown[]; components: unknown[] }, attachmentCount: number): boolean {
  return c.content === "" && c.embeds.length === 0 && c.components.length === 0 && attachmentCount === 0;
}
