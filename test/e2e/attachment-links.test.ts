// Issue 16, item 3: Re-roll and Retry work days later. Discord's attachment links expire (the `ex` parameter, about
// a day); a job that reuses its input images has them refreshed (POST /attachments/refresh-urls) before it goes to
// fal. The fake CDN here signs links that last 4 s, and answers an expired one 404, as Discord's does.
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage } from "../fakes/discord/index.js";
import { buttonIds, edit, falRequests, hostImage, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const linkTtlMs = 4000;

/** The image link of the job's last submit to fal. */
function lastSubmittedImage(harness: Harness): string {
  const urls = submitBody(falRequests(harness, "submit").at(-1)!).image_urls as string[];
  return urls[0]!;
}

function refreshCalls(harness: Harness) {
  return harness.discord.requests.filter((r) => r.method === "POST" && r.route === "/attachments/refresh-urls");
}

/** fal's fetches of a job's input images, with what the CDN answered. */
function inputFetches(harness: Harness) {
  return harness.fal.requests.filter((r) => r.route === "input-fetch").map((r) => r.status);
}

function buttonOf(message: FakeMessage, action: string): string {
  const id = buttonIds(message).find((candidate) => candidate.startsWith(`job:1:${action}:`));
  if (!id) throw new Error(`no ${action} button under the message: ${JSON.stringify(message.components)}`);
  return id;
}

describe("input images whose Discord links expired since the job was made", () => {
  it("Re-roll refreshes the links before fal fetches them, and delivers", async () => {
    h = await startHarness({ discord: { attachmentLinkTtlMs: linkTtlMs } });
    const image = await hostImage(h);
    const first = edit(h, { prompt: "make it night", images: [image] });
    const result = await waitForFinal(h, first);
    expect(result.attachments).toHaveLength(1);
    const used = lastSubmittedImage(h);

    await h.discord.linkExpired(used);
    expect((await fetch(used)).status).toBe(404);
    const refreshesBefore = refreshCalls(h).length;
    const fetchesBefore = inputFetches(h).length;

    const reroll = h.discord.clickButton({ message: result, customId: buttonOf(result, "reroll") });
    expect((await reroll.response()).type).toBe(5);
    const rerolled = await waitForFinal(h, reroll);
    expect(rerolled.attachments, textOf(rerolled)).toHaveLength(1);

    const sent = lastSubmittedImage(h);
    expect(sent).not.toBe(used);
    expect(new URL(sent).pathname).toBe(new URL(used).pathname);
    expect(refreshCalls(h).length).toBe(refreshesBefore + 1);
    expect(refreshCalls(h).at(-1)!.body).toEqual({ attachment_urls: [used] });
    // fal fetched the fresh link, once, and got the image.
    expect(inputFetches(h).slice(fetchesBefore)).toEqual([200]);
    expect(falRequests(h, "submit")).toHaveLength(2);
  });

  it("Retry of a job the model failed refreshes them too", async () => {
    h = await startHarness({ discord: { attachmentLinkTtlMs: linkTtlMs } });
    h.fal.failNext({ kind: "server-error" });
    const image = await hostImage(h);
    const first = edit(h, { prompt: "make it rain", images: [image] });
    const failed = await waitForFinal(h, first);
    expect(textOf(failed)).toMatch(/\(ref /);
    const used = lastSubmittedImage(h);
    await h.discord.linkExpired(used);

    const retry = h.discord.clickButton({ message: failed, customId: buttonOf(failed, "retry") });
    expect((await retry.response()).type).toBe(5);
    const retried = await waitForFinal(h, retry);
    expect(retried.attachments, textOf(retried)).toHaveLength(1);
    expect(lastSubmittedImage(h)).not.toBe(used);
    expect(inputFetches(h).at(-1)).toBe(200);
  });
});
