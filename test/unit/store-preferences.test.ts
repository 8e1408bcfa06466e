// A member's stored defaults and styles: a defaults row that no longer fits keeps every field that does and drops the
// rest (a member's default never loosens a server's limits, so dropping one is safe); style names are unique per member
// whatever their case; a member keeps at most the cap; a style's unreadable image list leaves it its words.
import { Writable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { falStorageCheck } from "../../src/media/url-policy.js";
import { createMemberPreferences, MAX_STYLES } from "../../src/preferences/index.js";
import { statementsOf } from "../../src/store/database.js";
import { memoryDb } from "./memory-db.js";

const db = memoryDb();
const user = "100000000000000001";
const other = "100000000000000002";
let logged: { msg: string; fields?: string[]; user?: string; style?: string }[];

beforeEach(() => {
  logged = [];
});

function repository() {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) logged.push(JSON.parse(line) as (typeof logged)[number]);
      done();
    },
  });
  let clock = 1_000;
  return createMemberPreferences(db(), falStorageCheck(), createLogger({ level: "warn", secrets: [], pretty: false }, stream), () => (clock += 1));
}

const storeDefaults = (json: string) =>
  statementsOf(db()).run(
    `insert into member_defaults (user_id, defaults_json, updated_at) values (@user, @json, 0)
     on conflict (user_id) do update set defaults_json = excluded.defaults_json`,
    { user, json },
  );

describe("a member's defaults", () => {
  it("round-trip, are the member's alone, and clear", async () => {
    const store = repository();
    expect(await store.defaultsOf(user)).toEqual({});
    await store.saveDefaults(user, { imagineModel: "nano-banana-2", aspectRatio: "16:9", private: true });
    expect(await store.defaultsOf(user)).toEqual({ imagineModel: "nano-banana-2", aspectRatio: "16:9", private: true });
    expect(await store.defaultsOf(other)).toEqual({});
    expect(await store.clearDefaults(user)).toBe(true);
    expect(await store.clearDefaults(user)).toBe(false);
    expect(await store.defaultsOf(user)).toEqual({});
    expect(logged).toEqual([]);
  });

  it("a row that no longer fits keeps the fields that do and names the others in a warning", async () => {
    await storeDefaults(JSON.stringify({ imagineModel: "nano-banana", editModel: 7, private: "yes", resolution: "", somethingNewer: true }));
    expect(await repository().defaultsOf(user)).toEqual({ imagineModel: "nano-banana" });
    expect(logged).toMatchObject([{ user, fields: ["editModel", "resolution", "private"] }]);
  });

  it("a row that is not JSON, or not an object, sets nothing", async () => {
    for (const json of ["{not json", "[1,2]", "null"]) {
      logged = [];
      await storeDefaults(json);
      expect(await repository().defaultsOf(user)).toEqual({});
      expect(logged).toHaveLength(1);
    }
  });
});

describe("a member's styles", () => {
  const style = (name: string, imageUrls: string[] = []) => ({ name, promptAddition: `${name} words`, imageUrls });

  it("are unique per member whatever the case: saving over a name replaces it, with the new spelling", async () => {
    const store = repository();
    expect(await store.saveStyle(user, style("Noir", ["https://v3.fal.media/files/a.png"]), MAX_STYLES)).toEqual({ ok: true, replaced: undefined });
    const again = await store.saveStyle(user, { name: "noir", promptAddition: "film noir", imageUrls: [] }, MAX_STYLES);
    expect(again).toMatchObject({ ok: true, replaced: { name: "Noir", imageUrls: ["https://v3.fal.media/files/a.png"] } });
    expect(await store.styles(user)).toMatchObject([{ name: "noir", promptAddition: "film noir", imageUrls: [] }]);
    expect(await store.styleOf(user, "NOIR")).toMatchObject({ name: "noir" });
    expect(await store.styleOf(other, "noir")).toBeUndefined();
    // Another member may use the same name.
    expect(await store.saveStyle(other, style("Noir"), MAX_STYLES)).toMatchObject({ ok: true });
    expect((await store.styles(other)).map((s) => s.name)).toEqual(["Noir"]);
  });

  it("are at most the cap; a full member may still replace one, and delete makes room", async () => {
    const store = repository();
    for (let i = 0; i < 3; i++) expect(await store.saveStyle(user, style(`s${i}`), 3)).toMatchObject({ ok: true });
    expect(await store.saveStyle(user, style("s3"), 3)).toEqual({ ok: false, reason: "full" });
    expect(await store.saveStyle(user, style("S1"), 3)).toMatchObject({ ok: true, replaced: { name: "s1" } });
    expect(await store.deleteStyle(user, "S0")).toMatchObject({ name: "s0" });
    expect(await store.deleteStyle(user, "s0")).toBeUndefined();
    expect(await store.saveStyle(user, style("s3"), 3)).toMatchObject({ ok: true });
    expect((await store.styles(user)).map((s) => s.name)).toEqual(["S1", "s2", "s3"]);
  });

  it("a stored image list with a link off fal storage leaves the style its words, with a warning", async () => {
    const store = repository();
    await store.saveStyle(user, style("Pastel", ["https://v3.fal.media/files/b.png"]), MAX_STYLES);
    expect(await store.styleOf(user, "Pastel")).toMatchObject({ imageUrls: ["https://v3.fal.media/files/b.png"] });
    const elsewhere = ["https://v3.fal.media/files/b.png", "https://evil.example/files/c.png"];
    await statementsOf(db()).run("update member_styles set image_urls_json = @urls where user_id = @user", { urls: JSON.stringify(elsewhere), user });
    expect(await store.styleOf(user, "pastel")).toMatchObject({ name: "Pastel", imageUrls: [] });
    expect(logged).toMatchObject([{ user, style: "Pastel" }]);
  });

  it("a stored image list that does not read leaves the style its words, with a warning", async () => {
    const store = repository();
    await store.saveStyle(user, style("Pastel", ["https://v3.fal.media/files/b.png"]), MAX_STYLES);
    await statementsOf(db()).run("update member_styles set image_urls_json = @urls where user_id = @user", { urls: '["not a url"]', user });
    expect(await store.styleOf(user, "pastel")).toMatchObject({ name: "Pastel", promptAddition: "Pastel words", imageUrls: [] });
    expect(logged).toMatchObject([{ user, style: "Pastel" }]);
  });
});
