// A member's own defaults and saved styles (theirs across servers). Defaults are JSON read back through the codec the
// caller gives, so a row that no longer fits falls back field by field; a style's image list is checked the same way.
import type { Selectable } from "kysely";
import { z } from "zod";
import type { Logger } from "../log.js";
import { statementsOf, type Db } from "./database.js";
import type { Queries } from "./statements.js";
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
  const statements = statementsOf(db);
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

  // Names are one per member whatever their case (migration 0009); lower() is that rule on both databases.
  const styleRow = (queries: Queries, userId: string, name: string) =>
    queries.get<StyleRow>("SELECT * FROM member_styles WHERE user_id = @userId AND lower(name) = lower(@name)", { userId, name });

  return {
    // Read on every /imagine and /edit: one hand-written statement on its primary key, no query built.
    async defaults(userId) {
      const row = await statements.get<{ defaults_json: string }>("SELECT defaults_json FROM member_defaults WHERE user_id = @userId", { userId });
      const { defaults, invalid } = readDefaults(row?.defaults_json);
      if (invalid.length) log.warn({ user: userId, fields: invalid }, "a member's stored defaults did not fit; these fell back to the server's");
      return defaults;
    },
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
    styles: async (userId) =>
      (await statements.all<StyleRow>("SELECT * FROM member_styles WHERE user_id = @userId ORDER BY lower(name), name", { userId })).map(toStyle),
    async style(userId, name) {
      const row = await styleRow(statements, userId, name);
      return row ? toStyle(row) : undefined;
    },
    saveStyle: (userId, style, max) =>
      statements.transaction(async (queries): Promise<SaveStyleResult> => {
        const existing = await styleRow(queries, userId, style.name);
        if (!existing) {
          const counted = await queries.get<{ count: number }>("SELECT count(*) AS count FROM member_styles WHERE user_id = @userId", { userId });
          if (Number(counted!.count) >= max) return { ok: false, reason: "full" };
        }
        const at = now();
        const values = { userId, name: style.name, promptAddition: style.promptAddition, urls: JSON.stringify(style.imageUrls), at };
        if (existing) {
          // The new name's spelling wins (saving "Watercolour" over "watercolour" renames it).
          await queries.run(
            `UPDATE member_styles SET name = @name, prompt_addition = @promptAddition, image_urls_json = @urls, updated_at = @at
             WHERE id = @id`,
            { ...values, id: existing.id },
          );
        } else {
          await queries.run(
            `INSERT INTO member_styles (user_id, name, prompt_addition, image_urls_json, created_at, updated_at)
             VALUES (@userId, @name, @promptAddition, @urls, @at, @at)`,
            values,
          );
        }
        return { ok: true, replaced: existing ? toStyle(existing) : undefined };
      }),
    deleteStyle: (userId, name) =>
      statements.transaction(async (queries) => {
        const existing = await styleRow(queries, userId, name);
        if (existing) await queries.run("DELETE FROM member_styles WHERE id = @id", { id: existing.id });
        return existing ? toStyle(existing) : undefined;
      }),
  };
}
