import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, createScrubber } from "../../src/log.js";

const botToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GabCdE.abcdefghijklmnopqrstuvwxyz0123456789AB";
const falKey = "3f2a9c1e-77aa-4bd0-9a51-0c2d5b7e8f90:5be0d2c8a1f34e6c9b7a2d1e0f3c4b5a";
const interactionToken = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpxd2VydHl1aW9wYXNkZmdoamts";

function capture() {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const log = createLogger({ level: "trace", secrets: [botToken, falKey], pretty: false }, stream);
  return { log, text: () => text };
}

describe("log redaction", () => {
  it("keeps the bot token, the fal key and interaction tokens out of every line", () => {
    const { log, text } = capture();
    const apiError = Object.assign(new Error(`Request to /webhooks/111111111111111111/${interactionToken}/messages/@original failed`), {
      url: `http://127.0.0.1/api/v10/interactions/222222222222222222/${interactionToken}/callback`,
      requestBody: { headers: { Authorization: `Bot ${botToken}` } },
      cause: new Error(`fal said: Key ${falKey} is invalid`),
    });
    log.error({ err: apiError }, "interaction failed");
    log.info({ config: { DISCORD_TOKEN: botToken, FAL_KEY: falKey } }, "config");
    log.info({ headers: { authorization: `Key ${falKey}` }, token: interactionToken }, "request");
    log.debug(`raw ${botToken} and ${falKey}`);
    const out = text();
    expect(out.split("\n").filter(Boolean)).toHaveLength(4);
    expect(out).not.toContain(botToken);
    expect(out).not.toContain(falKey);
    expect(out).not.toContain(interactionToken);
    // The parts that help debugging stay.
    expect(out).toContain("/webhooks/111111111111111111/[redacted]/messages/@original");
    expect(out).toContain("interaction failed");
  });

  it("leaves out the request body discord.js attaches to its errors (a result's image bytes), keeping what failed", () => {
    const { log, text } = capture();
    const image = Buffer.alloc(4096, 7);
    const apiError = Object.assign(new Error("Request entity too large"), {
      status: 413,
      url: "http://127.0.0.1/api/v10/channels/1/messages/2",
      requestBody: { files: [{ name: "ABCDEF-1.png", data: image }], json: [image] },
    });
    log.error({ err: apiError }, "delivery failed");
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ message: "Request entity too large", status: 413, url: "http://127.0.0.1/api/v10/channels/1/messages/2" });
    expect(line.err.requestBody).toBe("[omitted]");
    expect(text()).not.toContain("7,7,7");
    expect(text().length).toBeLessThan(2000);
  });

  it("leaves out the request body of an error's cause too (a result Discord refused as too large, wrapped)", () => {
    const { log, text } = capture();
    const image = Buffer.alloc(4096, 7);
    const apiError = Object.assign(new Error("Request entity too large"), { status: 413, requestBody: { files: [{ name: "a.png", data: image }] } });
    log.warn({ err: new Error("Discord refused the result's upload as too large", { cause: apiError }) }, "refitting");
    const line = JSON.parse(text()) as { err: { cause: Record<string, unknown> } };
    expect(line.err.cause).toMatchObject({ message: "Request entity too large", status: 413, requestBody: "[omitted]" });
    expect(text()).not.toContain("7,7,7");
    expect(text().length).toBeLessThan(2000);
  });

  it("keeps either half of the fal key out when the bot lists them as secrets", () => {
    const [keyId, keySecret] = falKey.split(":") as [string, string];
    const scrub = createScrubber([falKey, keyId, keySecret]);
    expect(scrub(`id ${keyId}, secret ${keySecret}`)).toBe("id [redacted], secret [redacted]");
  });

  it("scrubs token-shaped strings even when they are not the configured secrets", () => {
    const scrub = createScrubber([]);
    const otherToken = "ODk3NjU0MzIxMDk4NzY1NDMy.Gh1JkL.zyxwvutsrqponmlkjihgfedcba9876543210ZY";
    expect(scrub(`token ${otherToken} leaked`)).toBe("token [redacted] leaked");
    expect(scrub("Authorization: Bot abc.def.ghi12345")).toBe("Authorization: Bot [redacted]");
    expect(scrub(`{"interactionToken":"${interactionToken}"}`)).toBe('{"interactionToken":"[redacted]"}');
  });
});
