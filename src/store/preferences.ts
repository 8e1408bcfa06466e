// A member's own defaults and saved styles (theirs across servers). Defaults are JSON read back through the codec the
// caller gives, so a row that no longer fits falls back field by field; a style's image list is checked the same way.
import type { Selectable } from "kysely";
import { z } from "zod";
import type { Logger } from "../log.js";
import { holdingConnection, syncConnectionOf, type Db } from "./database.js";
import type { MemberStylesTable } from "./schema.js";

/** How stored defaults are read: a row's JSON (undefined: none stored), with the names of the fields that did not fit. */
export type DefaultsReader<Defaults> = (json: string | undefined) => { defaults: Defaults; invalid: readonly string[] };

export interface StoredStyle {
  name: string;
  promptAddition: string;
  imageUrls: string[];
  createdAt: number;
  updatedAt: number;
}

export type NewStyle = Pick<StoredStyle, "name" | "promptAddition" | "imageUrls">;

/** Saved (replacing the member's style of that name, whatever its case, when there was one), or refused: they have `max` already. */
export type SaveStyleResult = { ok: true; replaced: StoredStyle | undefined } | { ok: false; reason: "full" };

export interface PreferencesStore<Defaults> {
  defaults(userId: string): Promise<Defaults>;
  saveDefaults(userId: string, defaults: Defaults): Promise<void>;
  /** False when the member had none stored. */
  clearDefaults(userId: string): Promise<boolean>;
  /** The member's styles, by name. */
  styles(userId: string): Promise<StoredStyle[]>;
  /** The member's style of this name, compared without regard to case. */
  style(userId: string, name: string): Promise<StoredStyle | undefined>;
  saveStyle(userId: string, style: NewStyle, max: number): Promise<SaveStyleResult>;
  /** The style deleted, if the member had one of this name. */
  deleteStyle(userId: string, name: string): Promise<StoredStyle | undefined>;
}

type StyleRow = Selectable<MemberStylesTable>;

/**
 * `isKeptImage`: whether a style's stored image link is one the bot keeps styles' images at (fal storage); a list
 * with any other link is not used.
 */
export function createPreferencesStore<Defaults>(
  db: Db,
  readDefaults: DefaultsReader<Defaults>,
  isKeptImage: (url: string) => boolean,
  log: Logger,
  now: () => number = Date.now,
): PreferencesStore<Defaults> {
  const sync = () => syncConnectionOf(db);
  const imageUrlsSchema = z.array(z.url().refine(isKeptImage, "not a link to fal storage")).max(10);

  const toStyle = (row: StyleRow): StoredStyle => {
    let urls: unknown;
    try {
      urls = JSON.parse(row.image_urls_json);
    } catch {
      urls = undefined;
    }
    const parsed = imageUrlsSchema.safeParse(urls);
    // A list that no longer reads leaves the style its words: the member sees no images in /style list and can save it again.
    if (!parsed.success) log.warn({ user: row.user_id, style: row.name }, "a stored style's image list did not fit; it is used without images");
    return {
      name: row.name,
      promptAddition: row.prompt_addition,
      imageUrls: parsed.success ? parsed.data : [],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  };

  const styleRow = (userId: string, name: string) =>
    sync().prepare("SELECT * FROM member_styles WHERE user_id = ? AND name = ?").get(userId, name) as StyleRow | undefined;

  return {
    // Read on every /imagine and /edit: one prepared statement on its primary key, no query built.
    defaults: (userId) =>
      holdingConnection(db, () => {
        const row = sync().prepare("SELECT defaults_json FROM member_defaults WHERE user_id = ?").get(userId) as { defaults_json: string } | undefined;
        const { defaults, invalid } = readDefaults(row?.defaults_json);
        if (invalid.length) log.warn({ user: userId, fields: invalid }, "a member's stored defaults did not fit; these fell back to the server's");
        return defaults;
      }),
    async saveDefaults(userId, defaults) {
      const values = { defaults_json: JSON.stringify(defaults), updated_at: now() };
      await db
        .insertInto("member_defaults")
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
        .execute();
    },
    async clearDefaults(userId) {
      const result = await db.deleteFrom("member_defaults").where("user_id", "=", userId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    styles: (userId) =>
      holdingConnection(db, () =>
        (sync().prepare("SELECT * FROM member_styles WHERE user_id = ? ORDER BY name").all(userId) as StyleRow[]).map(toStyle),
      ),
    style: (userId, name) =>
      holdingConnection(db, () => {
        const row = styleRow(userId, name);
        return row ? toStyle(row) : undefined;
      }),
    saveStyle: (userId, style, max) =>
      holdingConnection(db, () =>
        sync().transaction((): SaveStyleResult => {
          const existing = styleRow(userId, style.name);
          if (!existing) {
            const { count } = sync().prepare("SELECT count(*) AS count FROM member_styles WHERE user_id = ?").get(userId) as { count: number };
            if (count >= max) return { ok: false, reason: "full" };
          }
          const at = now();
          const urls = JSON.stringify(style.imageUrls);
          if (existing) {
            // The new name's spelling wins (saving "Watercolour" over "watercolour" renames it).
            sync()
              .prepare("UPDATE member_styles SET name = ?, prompt_addition = ?, image_urls_json = ?, updated_at = ? WHERE user_id = ? AND name = ?")
              .run(style.name, style.promptAddition, urls, at, userId, style.name);
          } else {
            sync()
              .prepare(
                "INSERT INTO member_styles (user_id, name, prompt_addition, image_urls_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
              )
              .run(userId, style.name, style.promptAddition, urls, at, at);
          }
          return { ok: true, replaced: existing ? toStyle(existing) : undefined };
        })(),
      ),
    deleteStyle: (userId, name) =>
      holdingConnection(db, () =>
        sync().transaction(() => {
          const existing = styleRow(userId, name);
          if (existing) sync().prepare("DELETE FROM member_styles WHERE user_id = ? AND name = ?").run(userId, name);
          return existing ? toStyle(existing) : undefined;
        })(),
      ),
  };
}
