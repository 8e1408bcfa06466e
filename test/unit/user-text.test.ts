// userText: a member's or a model's words inside the bot's message, shortened without breaking an escape.
import { describe, expect, it } from "vitest";
import { inertText, userText } from "../../src/discord/user-text.js";

const inner = (text: string) => text.slice(1, -1);

describe("userText", () => {
  it("isolates the text and keeps it on one line", () => {
    expect(userText("  a cat\n\non   the moon ", 100)).toBe("\u2068a cat on the moon\u2069");
  });

  it("drops explicit direction controls, keeps marks", () => {
    expect(userText("\u2069\u202Eabc\u202C \u200Fdef\u2066", 100)).toBe("\u2068abc \u200Fdef\u2069");
  });

  it("escapes markdown, a heading, a list, a block quote and subtext at the start", () => {
    expect(inner(userText("# title", 100))).toBe("\\# title");
    expect(inner(userText("- item", 100))).toBe("\\- item");
    expect(inner(userText("> quoted", 100))).toBe("\\> quoted");
    expect(inner(userText("-# small", 100))).toBe("\\-# small");
    expect(inner(userText("[x](https://evil.example) **b**", 100))).toBe("\\[x](https://evil.example) \\*\\*b\\*\\*");
  });

  it("is at most max characters, and never cut between a backslash and what it escapes, nor inside a surrogate pair", () => {
    for (let max = 4; max < 30; max++) {
      for (const text of ["**".repeat(20), "🐱".repeat(20), "a*🐱_".repeat(10)]) {
        const shown = userText(text, max);
        expect(shown.length).toBeLessThanOrEqual(max);
        const body = inner(shown);
        expect(body.endsWith("…")).toBe(true);
        expect(/(^|[^\\])(\\\\)*\\…$/.test(body), `${max}: ${body}`).toBe(false);
        expect(/[\uD800-\uDBFF]…$/.test(body), `${max}: ${body}`).toBe(false);
      }
    }
  });
});

describe("inertText", () => {
  it("breaks links and mentions, keeping what they look like", () => {
    const text = "visit https://evil.example/login or <@123>, <@&4>, <#5>, </imagine:6> and <t:1:R>";
    const inert = inertText(text);
    expect(inert).not.toMatch(/:\/\/|<[@#/t]/);
    expect(inert.replaceAll("\u200B", "")).toBe(text);
  });

  it("puts a zero-width space after every <, mentions or not", () => {
    expect(inertText("a cat: on the moon, 3 < 4")).toBe("a cat: on the moon, 3 <\u200B 4");
  });
});
