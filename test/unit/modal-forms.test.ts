// Custom ids, and the modal handlers a command module may export.
import { describe, expect, it } from "vitest";
import { assertCommandModule } from "../../src/discord/command.js";
import { makeCustomId, splitCustomId } from "../../src/discord/custom-id.js";

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
