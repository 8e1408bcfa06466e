// Assets: the names suggested from a prompt, and the checks of an emoji's name and a sticker's fields against
// Discord's rules (discord/expression-rules.ts).
import { describe, expect, it } from "vitest";
import { cleanStickerFields, isEmojiName, stickerProblem, suggestEmojiName, suggestStickerName } from "../../src/assets/names.js";

describe("suggestEmojiName", () => {
  it("makes the prompt's words letters, digits and underscores", () => {
    expect(suggestEmojiName("A happy cat, waving!")).toBe("a_happy_cat_waving");
    expect(suggestEmojiName("Crème brûlée 2")).toBe("creme_brulee_2");
  });

  it("keeps whole words within 32 characters, and cuts a single long word", () => {
    const name = suggestEmojiName("a very long prompt about a golden retriever puppy playing in autumn leaves");
    expect(name).toBe("a_very_long_prompt_about_a");
    expect(name.length).toBeLessThanOrEqual(32);
    expect(suggestEmojiName("x".repeat(40))).toBe("x".repeat(32));
  });

  it("falls back to “emoji” when the prompt has no usable letters or too few", () => {
    expect(suggestEmojiName("猫")).toBe("emoji");
    expect(suggestEmojiName("!")).toBe("emoji");
    expect(suggestEmojiName("a")).toBe("emoji");
  });
});

describe("suggestStickerName", () => {
  it("takes the prompt's first words within 30 characters", () => {
    expect(suggestStickerName("  a red fox in the snow at dawn, watercolour ")).toBe("a red fox in the snow at dawn,");
    expect(suggestStickerName("cat")).toBe("cat");
    expect(suggestStickerName("x")).toBe("sticker");
  });
});

describe("isEmojiName", () => {
  it("takes 2 to 32 letters, digits and underscores only", () => {
    expect(isEmojiName("happy_cat2")).toBe(true);
    expect(isEmojiName("ab")).toBe(true);
    expect(isEmojiName("a")).toBe(false);
    expect(isEmojiName("x".repeat(33))).toBe(false);
    expect(isEmojiName("happy cat")).toBe(false);
    expect(isEmojiName("café")).toBe(false);
    expect(isEmojiName("bad-name")).toBe(false);
  });
});

describe("sticker fields", () => {
  const ok = { name: "Fox", tags: "fox", description: "" };

  it("trims them and drops a related emoji's colons", () => {
    expect(cleanStickerFields({ name: "  Fox ", tags: " :smile: ", description: " hi there " })).toEqual({ name: "Fox", tags: "smile", description: "hi there" });
    expect(cleanStickerFields({ name: "Fox", tags: "😄", description: "" }).tags).toBe("😄");
  });

  it("name 2–30, related emoji required (≤ 200), description empty or 2–100", () => {
    expect(stickerProblem(ok)).toBeUndefined();
    expect(stickerProblem({ ...ok, name: "F" })).toBe("name");
    expect(stickerProblem({ ...ok, name: "F".repeat(31) })).toBe("name");
    expect(stickerProblem({ ...ok, name: "F".repeat(30) })).toBeUndefined();
    expect(stickerProblem({ ...ok, tags: "" })).toBe("tags");
    expect(stickerProblem({ ...ok, tags: "t".repeat(201) })).toBe("tags");
    expect(stickerProblem({ ...ok, description: "x" })).toBe("description");
    expect(stickerProblem({ ...ok, description: "x".repeat(101) })).toBe("description");
    expect(stickerProblem({ ...ok, description: "xy" })).toBeUndefined();
  });
});
