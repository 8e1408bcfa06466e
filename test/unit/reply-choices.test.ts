// Reply to edit: which image of a result a reply names, and how often a member is answered with a refusal.
import { describe, expect, it } from "vitest";
import { RefusalLimiter, REFUSAL_WINDOW_MS } from "../../src/generation/message-origin.js";
import { chosenImage } from "../../src/generation/reply-to-edit.js";

describe("chosenImage", () => {
  it("takes the number a reply to a set starts with, and strips it from the instruction", () => {
    expect(chosenImage("2 make it night", 4)).toEqual({ index: 1, instruction: "make it night" });
    expect(chosenImage("#3 make it night", 4)).toEqual({ index: 2, instruction: "make it night" });
    expect(chosenImage("4: make it night", 4)).toEqual({ index: 3, instruction: "make it night" });
    expect(chosenImage("make it night", 4)).toEqual({ index: 0, instruction: "make it night" });
  });

  it("leaves a number that names no image of the result as part of the words", () => {
    expect(chosenImage("2 cats on the sofa", 1)).toEqual({ index: 0, instruction: "2 cats on the sofa" });
    expect(chosenImage("5 make it night", 4)).toEqual({ index: 0, instruction: "5 make it night" });
    expect(chosenImage("2", 2)).toEqual({ index: 0, instruction: "2" });
  });
});

describe("RefusalLimiter", () => {
  it("lets a member be refused once a minute, each member and server apart", () => {
    const limiter = new RefusalLimiter();
    expect(limiter.take("g", "a", 0)).toBe(true);
    expect(limiter.take("g", "a", REFUSAL_WINDOW_MS - 1)).toBe(false);
    expect(limiter.take("g", "b", 1)).toBe(true);
    expect(limiter.take("h", "a", 1)).toBe(true);
    expect(limiter.take("g", "a", REFUSAL_WINDOW_MS)).toBe(true);
  });
});
