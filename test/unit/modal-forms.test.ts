// Custom ids, the open-form store behind them, and the modal handlers a command module may export.
import { describe, expect, it } from "vitest";
import { assertCommandModule } from "../../src/discord/command.js";
import { makeCustomId, splitCustomId } from "../../src/discord/custom-id.js";
import { PendingForms } from "../../src/discord/pending-forms.js";

describe("custom ids", () => {
  it("join a versioned prefix and arguments, and split back", () => {
    const id = makeCustomId("editai:1", "abc_-9");
    expect(id).toBe("editai:1:abc_-9");
    expect(splitCustomId(id)).toEqual({ prefix: "editai:1", args: ["abc_-9"] });
    expect(splitCustomId("edit-modal")).toEqual({ prefix: "edit-modal:", args: [] });
  });

  it("refuse a prefix without a version, an argument with ':', and more than 100 characters", () => {
    expect(() => makeCustomId("editai", "x")).toThrow(/<name>:<version>/);
    expect(() => makeCustomId("editai:1", "a:b")).toThrow(/may not contain/);
    expect(() => makeCustomId("editai:1", "x".repeat(92))).toThrow(/longer than 100/);
  });
});

describe("pending forms", () => {
  it("hand a value back once, under a short id", () => {
    const forms = new PendingForms<string>();
    const id = forms.put("images");
    expect(id).toMatch(/^[\w-]{12}$/);
    expect(forms.take(id)).toBe("images");
    expect(forms.take(id)).toBeUndefined();
    expect(forms.take("unknown")).toBeUndefined();
  });

  it("forget values after the time to live, and the oldest beyond the cap", () => {
    let now = 0;
    const forms = new PendingForms<number>({ ttlMs: 1000, maxEntries: 2 }, () => now);
    const first = forms.put(1);
    now = 999;
    expect(forms.take(first)).toBe(1);

    const expired = forms.put(2);
    now += 1000;
    expect(forms.take(expired)).toBeUndefined();

    const a = forms.put(3);
    const b = forms.put(4);
    const c = forms.put(5);
    expect(forms.size).toBe(2);
    expect(forms.take(a)).toBeUndefined();
    expect([forms.take(b), forms.take(c)]).toEqual([4, 5]);
  });
});

describe("command modules with modal handlers", () => {
  const base = { data: { name: "Edit with AI", type: 3 }, execute: async () => {} };

  it("accept handlers with a versioned prefix", () => {
    const command = assertCommandModule("edit-with-ai.ts", { ...base, modals: [{ prefix: "editai:1", handle: async () => {} }] });
    expect(command.modals?.map((m) => m.prefix)).toEqual(["editai:1"]);
  });

  it("reject a handler whose prefix has no version, or that cannot handle", () => {
    expect(() => assertCommandModule("x.ts", { ...base, modals: [{ prefix: "editai", handle: async () => {} }] })).toThrow(
      /x\.ts.*modals\.0\.prefix/,
    );
    expect(() => assertCommandModule("x.ts", { ...base, modals: [{ prefix: "editai:1" }] })).toThrow(/modals\.0\.handle/);
  });
});
