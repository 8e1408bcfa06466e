import { ButtonStyle, ComponentType } from "discord-api-types/v10";
import { LIMITS, MESSAGE_FLAGS } from "../constants.js";
import { asArray, asRecord, isRecord, optionalString, type JsonObject } from "../util.js";
import { FormErrors, type FieldPath } from "./form-errors.js";

const ALLOWED_MESSAGE_FLAGS =
  MESSAGE_FLAGS.suppressEmbeds | MESSAGE_FLAGS.ephemeral | MESSAGE_FLAGS.suppressNotifications | MESSAGE_FLAGS.componentsV2;

const SELECT_TYPES: ReadonlySet<number> = new Set([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

/**
 * Validates a message create/edit body the way Discord does (400 50035 with an `errors` tree).
 * `componentsV2` is the flag state the message will have after this write.
 */
export function validateMessageBody(body: JsonObject, componentsV2: boolean): void {
  const errors = new FormErrors();
  const content = body.content;
  if (content !== undefined && content !== null) {
    if (typeof content !== "string") errors.add(["content"], "STRING_TYPE_CONVERT", "Could not interpret value as string.");
    else errors.maxLength(["content"], content, LIMITS.content);
  }
  validateFlags(errors, body.flags);
  if (body.embeds !== undefined && body.embeds !== null) validateEmbeds(errors, body.embeds);
  if (body.allowed_mentions !== undefined && body.allowed_mentions !== null) {
    validateAllowedMentions(errors, body.allowed_mentions);
  }
  if (componentsV2) {
    if (typeof content === "string" && content.length > 0) {
      errors.add(["content"], "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2");
    }
    if (asArray(body.embeds).length > 0) {
      errors.add(["embeds"], "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2");
    }
    if (body.poll !== undefined && body.poll !== null) {
      errors.add(["poll"], "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "The 'poll' field cannot be used when using MessageFlags.IS_COMPONENTS_V2");
    }
    if (asArray(body.sticker_ids).length > 0) {
      errors.add(["sticker_ids"], "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "The 'sticker_ids' field cannot be used when using MessageFlags.IS_COMPONENTS_V2");
    }
  }
  if (body.components !== undefined && body.components !== null) {
    if (componentsV2) validateV2Components(errors, body.components);
    else validateActionRows(errors, body.components);
  }
  errors.throwIfAny();
}

function validateFlags(errors: FormErrors, flags: unknown): void {
  if (flags === undefined || flags === null) return;
  if (typeof flags !== "number" || !Number.isInteger(flags)) {
    errors.add(["flags"], "NUMBER_TYPE_COERCE", "Value is not int.");
  } else if ((flags & ~ALLOWED_MESSAGE_FLAGS) !== 0) {
    errors.add(["flags"], "MESSAGE_FLAGS_INVALID", "Invalid flags for this message.");
  }
}

function validateAllowedMentions(errors: FormErrors, value: unknown): void {
  if (!isRecord(value)) {
    errors.add(["allowed_mentions"], "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    return;
  }
  const parse = asArray(value.parse);
  parse.forEach((p, i) => {
    if (p !== "users" && p !== "roles" && p !== "everyone") {
      errors.add(["allowed_mentions", "parse", i], "BASE_TYPE_CHOICES", "Value must be one of {'users', 'roles', 'everyone'}.");
    }
  });
  if (value.replied_user !== undefined && typeof value.replied_user !== "boolean") {
    errors.add(["allowed_mentions", "replied_user"], "BASE_TYPE_BOOLEAN", "Must be either true or false.");
  }
  for (const key of ["users", "roles"] as const) {
    if (parse.includes(key) && asArray(value[key]).length > 0) {
      errors.add(["allowed_mentions", key], "ALLOWED_MENTIONS_PARSE_EXCLUSIVE", `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`);
    }
  }
}

function embedText(embed: JsonObject): number {
  const length = (v: unknown) => (typeof v === "string" ? v.length : 0);
  let total = length(embed.title) + length(embed.description);
  total += length(asRecord(embed.footer).text) + length(asRecord(embed.author).name);
  for (const field of asArray(embed.fields)) total += length(asRecord(field).name) + length(asRecord(field).value);
  return total;
}

function validateEmbeds(errors: FormErrors, value: unknown): void {
  if (!Array.isArray(value)) {
    errors.add(["embeds"], "BASE_TYPE_LIST", "Must be a list.");
    return;
  }
  if (value.length > LIMITS.embeds) {
    errors.add(["embeds"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.embeds} or fewer in length.`);
  }
  let total = 0;
  value.forEach((raw, i) => {
    const embed = asRecord(raw);
    const at = (...rest: Array<string | number>): FieldPath => ["embeds", i, ...rest];
    const title = optionalString(embed.title);
    if (title !== undefined) errors.maxLength(at("title"), title, LIMITS.embedTitle);
    const description = optionalString(embed.description);
    if (description !== undefined) errors.maxLength(at("description"), description, LIMITS.embedDescription);
    const footer = optionalString(asRecord(embed.footer).text);
    if (footer !== undefined) errors.maxLength(at("footer", "text"), footer, LIMITS.embedFooter);
    const author = optionalString(asRecord(embed.author).name);
    if (author !== undefined) errors.maxLength(at("author", "name"), author, LIMITS.embedAuthor);
    const fields = asArray(embed.fields);
    if (fields.length > LIMITS.embedFields) {
      errors.add(at("fields"), "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.embedFields} or fewer in length.`);
    }
    fields.forEach((rawField, j) => {
      const field = asRecord(rawField);
      for (const [key, max] of [["name", LIMITS.embedFieldName], ["value", LIMITS.embedFieldValue]] as const) {
        const text = field[key];
        if (typeof text !== "string" || text.length === 0) errors.required(at("fields", j, key));
        else errors.maxLength(at("fields", j, key), text, max);
      }
    });
    total += embedText(embed);
  });
  if (total > LIMITS.embedTotal) {
    errors.add(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}

function validateActionRows(errors: FormErrors, value: unknown): void {
  const rows = asArray(value);
  if (rows.length > LIMITS.actionRows) {
    errors.add(["components"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.actionRows} or fewer in length.`);
  }
  const seen = new Set<string>();
  rows.forEach((raw, i) => {
    const row = asRecord(raw);
    if (row.type !== ComponentType.ActionRow) {
      errors.add(["components", i, "type"], "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
      return;
    }
    const children = asArray(row.components);
    const selects = children.filter((c) => SELECT_TYPES.has(Number(asRecord(c).type))).length;
    const max = selects > 0 ? 1 : LIMITS.rowButtons;
    if (children.length < 1 || children.length > max) {
      errors.add(["components", i, "components"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${max} in length.`);
    }
    children.forEach((child, j) => validateInteractive(errors, ["components", i, "components", j], asRecord(child), seen));
  });
}

function validateInteractive(errors: FormErrors, path: FieldPath, c: JsonObject, seen: Set<string>): void {
  const customId = optionalString(c.custom_id);
  if (customId !== undefined) {
    errors.lengthBetween([...path, "custom_id"], customId, 1, LIMITS.customId);
    if (seen.has(customId)) {
      errors.add([...path, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
    }
    seen.add(customId);
  }
  if (c.type === ComponentType.Button) {
    const label = optionalString(c.label);
    if (label !== undefined) errors.maxLength([...path, "label"], label, LIMITS.buttonLabel);
    const style = c.style;
    if (style === ButtonStyle.Link) {
      if (typeof c.url !== "string") errors.required([...path, "url"]);
      if (customId !== undefined) {
        errors.add([...path, "custom_id"], "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", "A custom id cannot be used with a link button");
      }
    } else if (style === ButtonStyle.Premium) {
      if (typeof c.sku_id !== "string") errors.required([...path, "sku_id"]);
    } else if (typeof style !== "number" || style < ButtonStyle.Primary || style > ButtonStyle.Danger) {
      errors.add([...path, "style"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.");
    } else if (customId === undefined) {
      errors.required([...path, "custom_id"]);
    }
  } else if (SELECT_TYPES.has(Number(c.type))) {
    if (customId === undefined) errors.required([...path, "custom_id"]);
  } else {
    errors.add([...path, "type"], "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (2, 3, 5, 6, 7, 8).");
  }
}

/**
 * Components V2: layout components nest; at most 40 components in total; a media gallery holds 1 to 10 items, each
 * with at most 1,024 characters of description (alt text); the text displays hold at most 4,000 characters in all.
 */
function validateV2Components(errors: FormErrors, value: unknown): void {
  let count = 0;
  let text = 0;
  const seen = new Set<string>();
  const visit = (raw: unknown, path: FieldPath): void => {
    const c = asRecord(raw);
    count += 1;
    if (c.type === ComponentType.Button || SELECT_TYPES.has(Number(c.type))) validateInteractive(errors, path, c, seen);
    if (c.type === ComponentType.MediaGallery) {
      const items = asArray(c.items);
      if (items.length < 1 || items.length > LIMITS.galleryItems) {
        errors.add([...path, "items"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.galleryItems} in length.`);
      }
      items.forEach((item, j) => {
        const description = optionalString(asRecord(item).description);
        if (description !== undefined) errors.maxLength([...path, "items", j, "description"], description, LIMITS.altText);
        if (typeof asRecord(asRecord(item).media).url !== "string") errors.required([...path, "items", j, "media", "url"]);
      });
    }
    if (c.type === ComponentType.TextDisplay) {
      if (typeof c.content !== "string" || c.content.length === 0) errors.required([...path, "content"]);
      else text += c.content.length;
    }
    asArray(c.components).forEach((child, j) => visit(child, [...path, "components", j]));
    if (c.accessory !== undefined) visit(c.accessory, [...path, "accessory"]);
  };
  asArray(value).forEach((c, i) => visit(c, ["components", i]));
  if (count > LIMITS.v2Components) {
    errors.add(["components"], "COMPONENT_LAYOUT_WIDTH_EXCEEDED", `The specified component exceeds the maximum of ${LIMITS.v2Components} components.`);
  }
  if (text > LIMITS.v2Text) {
    errors.add(["components"], "COMPONENT_LAYOUT_TEXT_LENGTH_EXCEEDED", `The text of the components exceeds the maximum of ${LIMITS.v2Text} characters.`);
  }
}

/** The `attachment://<name>` links of a V2 message's media (gallery items, thumbnails, files), with where each is. */
function attachmentReferences(components: unknown): Array<{ name: string; path: FieldPath }> {
  const found: Array<{ name: string; path: FieldPath }> = [];
  const note = (url: unknown, path: FieldPath) => {
    if (typeof url === "string" && url.startsWith("attachment://")) found.push({ name: url.slice("attachment://".length), path });
  };
  const visit = (raw: unknown, path: FieldPath): void => {
    const c = asRecord(raw);
    if (c.type === ComponentType.MediaGallery) asArray(c.items).forEach((item, j) => note(asRecord(asRecord(item).media).url, [...path, "items", j, "media", "url"]));
    if (c.type === ComponentType.Thumbnail) note(asRecord(c.media).url, [...path, "media", "url"]);
    if (c.type === ComponentType.File) note(asRecord(c.file).url, [...path, "file", "url"]);
    asArray(c.components).forEach((child, j) => visit(child, [...path, "components", j]));
    if (c.accessory !== undefined) visit(c.accessory, [...path, "accessory"]);
  };
  asArray(components).forEach((c, i) => visit(c, ["components", i]));
  return found;
}

/** The names of the files a V2 message shows: those its components reference as `attachment://<name>`. */
export function referencedAttachments(components: unknown): Set<string> {
  return new Set(attachmentReferences(components).map((r) => r.name));
}

/** A V2 message may reference only files it carries (uploaded now or kept from before): otherwise 400 50035. */
export function validateAttachmentReferences(components: unknown, fileNames: readonly string[]): void {
  const errors = new FormErrors();
  for (const { name, path } of attachmentReferences(components)) {
    if (!fileNames.includes(name)) errors.add(path, "UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND", `No attachment named ${name} in this message.`);
  }
  errors.throwIfAny();
}
