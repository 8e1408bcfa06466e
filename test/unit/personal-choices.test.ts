// A member's defaults and style on top of an order: the member's option, then their default (only where the server
// lets them use it and the model offers the value), then the server's, then the catalog's; a style's words and images.
import { describe, expect, it } from "vitest";
import { personalise, type MemberDefaults, type MemberStyle, type OpenOrder } from "../../src/generation/personal.js";
import { catalog } from "../../src/models/index.js";
import { defaultGuildSettings, type GuildSettings } from "../../src/settings/index.js";
import type { MemberFacts } from "../../src/usage/index.js";

const premiumRole = "300000000000000001";
const plain: MemberFacts = { channelId: "1", roleIds: [], canManageServer: false };
const premium: MemberFacts = { ...plain, roleIds: [premiumRole] };

function run(order: Partial<OpenOrder>, defaults: MemberDefaults, settings: Partial<GuildSettings> = {}, member = plain, styles: MemberStyle[] = []) {
  return personalise(
    { kind: "text-to-image", request: { prompt: "a lighthouse" }, images: [], useMemberDefaults: true, ...order },
    { ...defaultGuildSettings, ...settings },
    member,
    "100000000000000001",
    {
      catalog,
      preferences: {
        defaultsOf: async () => defaults,
        styleOf: async (_user, name) => styles.find((style) => style.name.toLowerCase() === name.toLowerCase()),
      },
    },
    "en-US",
  );
}

describe("a member's defaults", () => {
  it("a premium default model is used only by a member the premium gate lets through; others get the server's default", async () => {
    const gated = { premiumRoleIds: [premiumRole], defaultTextModel: "nano-banana-2" };
    expect(await run({}, { imagineModel: "nano-banana-pro" }, gated, premium)).toMatchObject({ ok: true, model: { id: "nano-banana-pro" } });
    expect(await run({}, { imagineModel: "nano-banana-pro" }, gated, plain)).toMatchObject({ ok: true, model: { id: "nano-banana-2" } });
  });

  it("a default of the wrong kind, or one the catalog no longer has, is passed over", async () => {
    expect(await run({}, { imagineModel: "nano-banana-edit" })).toMatchObject({ ok: true, model: { id: "nano-banana" } });
    expect(await run({}, { imagineModel: "retired-model" })).toMatchObject({ ok: true, model: { id: "nano-banana" } });
  });

  it("a default value the model does not offer, or a premium resolution the member may not use, is left out", async () => {
    const result = await run({}, { imagineModel: "nano-banana-2", aspectRatio: "8:1", resolution: "4K" }, { premiumRoleIds: [premiumRole] });
    expect(result).toMatchObject({ ok: true, model: { id: "nano-banana-2" }, request: { aspectRatio: "8:1" } });
    expect(result.ok && result.request.resolution).toBeUndefined();
    const banana = await run({}, { aspectRatio: "8:1", resolution: "1K" });
    expect(banana.ok && [banana.request.aspectRatio, banana.request.resolution]).toEqual([undefined, undefined]);
  });

  it("the member's own options win, and a re-run (no useMemberDefaults) takes no defaults at all", async () => {
    const defaults = { imagineModel: "nano-banana-2", aspectRatio: "16:9", private: true };
    const explicit = await run({ model: catalog.require("nano-banana"), request: { prompt: "x", aspectRatio: "4:3" }, private: false }, defaults);
    expect(explicit).toMatchObject({ ok: true, model: { id: "nano-banana" }, request: { aspectRatio: "4:3" }, private: false });
    const rerun = await run({ model: catalog.require("nano-banana"), useMemberDefaults: false }, defaults, { privateByDefault: true });
    expect(rerun).toMatchObject({ ok: true, private: true });
    expect(rerun.ok && rerun.request.aspectRatio).toBeUndefined();
  });
});

describe("a style", () => {
  const watercolour: MemberStyle = { name: "Watercolour", promptAddition: "watercolour", imageUrls: ["https://v3.fal.media/files/w.png"] };

  it("with images on /imagine: the edit version when allowed, else the server's default edit model, else a clear refusal", async () => {
    const styled = { style: "Watercolour" };
    expect(await run(styled, {}, {}, plain, [watercolour])).toMatchObject({ ok: true, model: { id: "nano-banana-edit" } });
    const off = { enabledModels: catalog.all().map((m) => m.id).filter((id) => id !== "nano-banana-edit"), defaultEditModel: "firered-edit" };
    expect(await run(styled, {}, off, plain, [watercolour])).toMatchObject({ ok: true, model: { id: "firered-edit" } });
    const gated = { ...off, defaultEditModel: "nano-banana-pro-edit", premiumRoleIds: [premiumRole] };
    expect(await run(styled, {}, gated, premium, [watercolour])).toMatchObject({ ok: true, model: { id: "nano-banana-pro-edit" } });
    expect(await run(styled, {}, gated, plain, [watercolour])).toEqual({
      ok: false,
      problems: [
        "The images of your style “\u2068Watercolour\u2069” need an edit model, and this server lets you use neither Nano Banana (edit) nor Nano Banana Pro (edit) here. Use /imagine without this style, or ask a server admin.",
      ],
    });
  });

  it("with images moves /imagine to the chosen model's edit version, keeping the text model's shape", async () => {
    const result = await run({ style: "watercolour" }, { imagineModel: "nano-banana-pro" }, {}, plain, [watercolour]);
    expect(result).toMatchObject({ ok: true, model: { id: "nano-banana-pro-edit" }, request: { prompt: "a lighthouse\nwatercolour", style: "Watercolour", aspectRatio: "1:1" } });
    expect(result.ok && result.images.map((image) => image.url)).toEqual(watercolour.imageUrls);
  });

  it("without images keeps the text model and adds only its words", async () => {
    const words = { ...watercolour, imageUrls: [] };
    expect(await run({ style: "Watercolour" }, {}, {}, plain, [words])).toMatchObject({ ok: true, model: { id: "nano-banana" }, request: { prompt: "a lighthouse\nwatercolour" } });
  });
});
