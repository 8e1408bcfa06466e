// Assets: Discord's refusals of an upload in plain words — slots full, permissions, sizes, an invalid field — and
// anything else with its code.
import { describe, expect, it } from "vitest";
import { invalidField, uploadErrorText } from "../../src/assets/discord-errors.js";
import { translator } from "../../src/i18n/index.js";

const say = translator("en-US");
const text = (code: number | string, rawError: unknown = { code, message: "x" }) => uploadErrorText({ code, rawError }, say);

describe("uploadErrorText", () => {
  it("says what each of Discord's codes means", () => {
    expect(text(30008)).toMatch(/no free emoji slots/);
    expect(text(30039)).toMatch(/no free sticker slots/);
    expect(text(50013)).toMatch(/lacks a permission/);
    expect(text(50045)).toMatch(/too large for this kind of asset/);
    expect(text(50138)).toMatch(/at most 256 KiB/);
  });

  it("names the field of an Invalid Form Body, with Discord's words", () => {
    const rawError = {
      code: 50035,
      message: "Invalid Form Body",
      errors: { name: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 2 and 32 in length." }] } },
    };
    expect(text(50035, rawError)).toBe("Discord refused the name: Must be between 2 and 32 in length.");
    expect(text(50035, { code: 50035, message: "Invalid Form Body" })).toMatch(/refused what was sent as invalid/);
  });

  it("gives any other code in a generic line", () => {
    expect(text(10004)).toBe("Discord refused the change (error 10004). Nothing was changed; try again later.");
  });
});

describe("invalidField", () => {
  it("finds the first nested field with errors, its path joined by dots", () => {
    const rawError = { errors: { file: { 0: { _errors: [{ code: "X", message: "bad" }] } } } };
    expect(invalidField(rawError)).toEqual({ field: "file.0", message: "bad" });
    expect(invalidField("nonsense")).toBeUndefined();
    expect(invalidField({ errors: { name: { other: 1 } } })).toBeUndefined();
  });
});
