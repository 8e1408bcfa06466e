// The model catalog: every entry's request checks, fal input, output reading and cost rules.
import { describe, expect, it } from "vitest";
import { falEndpointSchemas, isFalEndpoint } from "../fakes/fal/schemas.js";
import { listOr } from "../../src/i18n/index.js";
import {
  catalog,
  compileInputSchemas,
  createCatalog,
  describeModel,
  labelForFalField,
  requestOptions,
  type GenerationRequest,
  type ModelDefinition,
  type ModelFamily,
  type NormalizedOutput,
  type RequestOption,
  type RequestProblem,
} from "../../src/models/index.js";

// ---- What fal publishes, written out here so the catalog is checked against it, not against itself.

const RATIOS = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16"];
const AUTO_RATIOS = ["auto", ...RATIOS];
const NB2_RATIOS = [...AUTO_RATIOS, "4:1", "1:4", "8:1", "1:8"];
const GEMINI_FORMATS = ["jpeg", "png", "webp"];
const TOLERANCES = ["1", "2", "3", "4", "5", "6"];
const PRESETS = ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"];

interface Expected {
  endpoint: string;
  name: string;
  kind: "text-to-image" | "edit" | "vision";
  images: { min: number; max: number; field: "image_urls" | "image_url" } | null;
  maxPrompt: number;
  offered: RequestOption[];
  lists: Partial<Record<"aspectRatio" | "resolution" | "format" | "safetyTolerance" | "thinking" | "imageSize" | "acceleration", string[]>>;
  defaults: Partial<Record<"aspect_ratio" | "resolution" | "output_format", string>>;
  priceLabel: string;
  editCounterpart?: string;
  /** Fields the entry sends whatever the request. */
  fixed?: Record<string, unknown>;
}

// Gemini 2.5 Flash Image (its saved page) and Nano Banana Pro's edit (its saved page) list no seed and no safety
// tolerance; Nano Banana Pro and Nano Banana 2 (fal's API reference) list both.
const FLASH_OFFERED: RequestOption[] = ["aspectRatio", "count", "format"];
const PRO_EDIT_OFFERED: RequestOption[] = [...FLASH_OFFERED, "resolution", "webSearch"];
const PRO_OFFERED: RequestOption[] = [...PRO_EDIT_OFFERED, "seed", "safetyTolerance"];
const NB2_OFFERED: RequestOption[] = [...PRO_OFFERED, "thinking"];
const flashLists = { format: GEMINI_FORMATS };
const proEditLists = { format: GEMINI_FORMATS, aspectRatio: AUTO_RATIOS, resolution: ["1K", "2K", "4K"] };
const proLists = { ...proEditLists, safetyTolerance: TOLERANCES };
const nb2Lists = { ...proLists, aspectRatio: NB2_RATIOS, resolution: ["0.5K", "1K", "2K", "4K"], thinking: ["minimal", "high"] };
const PRO_LABEL = "$0.15 per image (4K ×2); web search +$0.015 per request";
const NB2_LABEL = "$0.08 per image (0.5K ×0.75, 2K ×1.5, 4K ×2); web search +$0.015 per request";

const expected: Record<string, Expected> = {
  "nano-banana": {
    endpoint: "fal-ai/nano-banana",
    name: "Nano Banana",
    kind: "text-to-image",
    images: null,
    maxPrompt: 5000,
    offered: FLASH_OFFERED,
    lists: { ...flashLists, aspectRatio: RATIOS },
    defaults: { aspect_ratio: "1:1", output_format: "jpeg" },
    priceLabel: "$0.039 per image",
    editCounterpart: "Nano Banana (edit)",
  },
  "nano-banana-edit": {
    endpoint: "fal-ai/nano-banana/edit",
    name: "Nano Banana (edit)",
    kind: "edit",
    images: { min: 1, max: 3, field: "image_urls" },
    maxPrompt: 5000,
    offered: FLASH_OFFERED,
    lists: { ...flashLists, aspectRatio: AUTO_RATIOS },
    defaults: { aspect_ratio: "auto", output_format: "jpeg" },
    priceLabel: "$0.039 per image",
  },
  "gemini-25-flash-image": {
    endpoint: "fal-ai/gemini-25-flash-image",
    name: "Gemini 2.5 Flash Image",
    kind: "text-to-image",
    images: null,
    maxPrompt: 5000,
    offered: FLASH_OFFERED,
    lists: { ...flashLists, aspectRatio: RATIOS },
    defaults: { aspect_ratio: "1:1", output_format: "jpeg" },
    priceLabel: "$0.039 per image",
    editCounterpart: "Gemini 2.5 Flash Image (edit)",
  },
  "gemini-25-flash-image-edit": {
    endpoint: "fal-ai/gemini-25-flash-image/edit",
    name: "Gemini 2.5 Flash Image (edit)",
    kind: "edit",
    images: { min: 1, max: 3, field: "image_urls" },
    maxPrompt: 5000,
    offered: FLASH_OFFERED,
    lists: { ...flashLists, aspectRatio: AUTO_RATIOS },
    defaults: { aspect_ratio: "auto", output_format: "jpeg" },
    priceLabel: "$0.039 per image",
  },
  "nano-banana-pro": {
    endpoint: "fal-ai/nano-banana-pro",
    name: "Nano Banana Pro",
    kind: "text-to-image",
    images: null,
    maxPrompt: 5000,
    offered: PRO_OFFERED,
    lists: proLists,
    defaults: { aspect_ratio: "1:1", resolution: "1K", output_format: "png" },
    priceLabel: PRO_LABEL,
    editCounterpart: "Nano Banana Pro (edit)",
  },
  "nano-banana-pro-edit": {
    endpoint: "fal-ai/nano-banana-pro/edit",
    name: "Nano Banana Pro (edit)",
    kind: "edit",
    images: { min: 1, max: 14, field: "image_urls" },
    maxPrompt: 5000,
    offered: PRO_EDIT_OFFERED,
    lists: proEditLists,
    defaults: { aspect_ratio: "auto", resolution: "1K", output_format: "png" },
    priceLabel: PRO_LABEL,
  },
  "nano-banana-2": {
    endpoint: "fal-ai/nano-banana-2",
    name: "Nano Banana 2",
    kind: "text-to-image",
    images: null,
    maxPrompt: 5000,
    offered: NB2_OFFERED,
    lists: nb2Lists,
    defaults: { aspect_ratio: "auto", resolution: "1K", output_format: "png" },
    priceLabel: NB2_LABEL,
    editCounterpart: "Nano Banana 2 (edit)",
  },
  "nano-banana-2-edit": {
    endpoint: "fal-ai/nano-banana-2/edit",
    name: "Nano Banana 2 (edit)",
    kind: "edit",
    images: { min: 1, max: 14, field: "image_urls" },
    maxPrompt: 5000,
    offered: NB2_OFFERED,
    lists: nb2Lists,
    defaults: { aspect_ratio: "auto", resolution: "1K", output_format: "png" },
    priceLabel: NB2_LABEL,
  },
  "gemini-flash-edit": {
    endpoint: "fal-ai/gemini-flash-edit",
    name: "Gemini Flash Edit (legacy)",
    kind: "edit",
    images: { min: 1, max: 1, field: "image_url" },
    maxPrompt: 5000,
    offered: [],
    lists: {},
    defaults: {},
    priceLabel: "not published (≈$0.039 per image)",
  },
  "firered-edit": {
    endpoint: "fal-ai/firered-image-edit-v1.1",
    name: "FireRed Image Edit 1.1",
    kind: "edit",
    images: { min: 1, max: 3, field: "image_urls" },
    maxPrompt: 1500,
    offered: ["count", "format", "seed", "negativePrompt", "steps", "guidance", "imageSize", "width", "height", "acceleration", "safetyChecker"],
    lists: { format: ["jpeg", "png"], imageSize: PRESETS, acceleration: ["none", "regular", "high"] },
    defaults: { output_format: "png" },
    priceLabel: "$0.0325 per megapixel",
  },
  "gemini-25-flash-vision": {
    endpoint: "openrouter/router/vision",
    name: "Describe (Gemini 2.5 Flash)",
    kind: "vision",
    images: { min: 1, max: 1, field: "image_urls" },
    maxPrompt: 4000,
    offered: [],
    lists: {},
    defaults: {},
    priceLabel: "billed by tokens (no published price): usually about $0.001 a description, at most $0.00551",
    fixed: { model: "google/gemini-2.5-flash", system_prompt: expect.any(String), max_tokens: 2000 },
  },
};

/** A value each option takes on every model that offers it. */
const validValue: Record<RequestOption, unknown> = {
  aspectRatio: "16:9",
  resolution: "2K",
  count: 2,
  format: "jpeg",
  seed: 42,
  negativePrompt: "blurry",
  steps: 20,
  guidance: 5.5,
  imageSize: "1024x768",
  width: 1280,
  height: 720,
  acceleration: "high",
  safetyChecker: false,
  safetyTolerance: "2",
  webSearch: true,
  thinking: "high",
};

const falField: Record<RequestOption, string> = {
  aspectRatio: "aspect_ratio",
  resolution: "resolution",
  count: "num_images",
  format: "output_format",
  seed: "seed",
  negativePrompt: "negative_prompt",
  steps: "num_inference_steps",
  guidance: "guidance_scale",
  imageSize: "image_size",
  width: "image_size",
  height: "image_size",
  acceleration: "acceleration",
  safetyChecker: "enable_safety_checker",
  safetyTolerance: "safety_tolerance",
  webSearch: "enable_web_search",
  thinking: "thinking_level",
};

/** The options a request can carry together: a custom width and height replace a size preset, so they go apart. */
const combinable = (offered: RequestOption[]) => offered.filter((option) => option !== "width" && option !== "height");

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.discordapp.com/attachments/1/${i}/photo.png`);

function minimalRequest(model: ModelDefinition): GenerationRequest {
  return { prompt: "a red fox in the snow", ...(model.inputImages && { imageUrls: urls(model.inputImages.min) }) };
}

function inputOf(model: ModelDefinition, request: GenerationRequest): Record<string, unknown> {
  const result = model.buildInput(request);
  if (!result.ok) throw new Error(`expected ${model.id} to build, got: ${JSON.stringify(result.problems)}`);
  return result.input;
}

function problemsOf(model: ModelDefinition, request: GenerationRequest): RequestProblem[] {
  const result = model.buildInput(request);
  if (result.ok) throw new Error(`expected ${model.id} to refuse ${JSON.stringify(request)}`);
  return result.problems;
}

/** The image models; the upscaler and the background remover (no prompt, no options) have their own suites below. */
const models = catalog.all().filter((model) => model.kind !== "upscale" && model.kind !== "background-removal");
const entries = models.map((model) => [model.id, model] as const);

// ---- The registry

describe("catalog", () => {
  it("offers exactly the documented models, in order, with their endpoints and names", () => {
    expect(models.map((m) => [m.id, m.endpoint, m.name, m.kind])).toEqual(
      Object.entries(expected).map(([id, e]) => [id, e.endpoint, e.name, e.kind]),
    );
  });

  it("gives every model a one-line summary and its price label", () => {
    for (const model of models) {
      expect(model.summary.length).toBeGreaterThan(20);
      expect(model.summary).not.toContain("\n");
      expect(model.priceLabel).toBe(expected[model.id]?.priceLabel);
    }
  });

  it("builds every model's input from a plain prompt at start-up, and names a model that refuses it", () => {
    expect(compileInputSchemas(catalog)).toEqual([]);
    const picky = { ...catalog.require("nano-banana"), buildInput: () => ({ ok: false as const, problems: [] }) };
    expect(compileInputSchemas({ all: () => [catalog.require("nano-banana-edit"), picky] })).toEqual(["nano-banana"]);
  });

  it("looks models up by id, endpoint and kind", () => {
    expect(catalog.get("nano-banana-pro")?.endpoint).toBe("fal-ai/nano-banana-pro");
    expect(catalog.get("nope")).toBeUndefined();
    expect(catalog.require("firered-edit").name).toBe("FireRed Image Edit 1.1");
    expect(() => catalog.require("nope")).toThrow(/unknown model "nope".*nano-banana/);
    expect(catalog.byEndpoint("fal-ai/nano-banana-2/edit")?.id).toBe("nano-banana-2-edit");
    expect(catalog.byEndpoint("fal-ai/flux/dev")).toBeUndefined();
    expect(catalog.list("text-to-image").map((m) => m.id)).toEqual([
      "nano-banana",
      "gemini-25-flash-image",
      "nano-banana-pro",
      "nano-banana-2",
    ]);
    expect(catalog.list("edit")).toHaveLength(6);
    expect(catalog.defaultFor("text-to-image").id).toBe("nano-banana");
    expect(catalog.defaultFor("edit").id).toBe("nano-banana-edit");
  });

  it("finds the models that support an option, or a particular value of it", () => {
    expect(catalog.modelsSupporting("resolution").map((m) => m.id)).toEqual([
      "nano-banana-pro",
      "nano-banana-pro-edit",
      "nano-banana-2",
      "nano-banana-2-edit",
    ]);
    expect(catalog.modelsSupporting("resolution", "0.5K").map((m) => m.id)).toEqual(["nano-banana-2", "nano-banana-2-edit"]);
    expect(catalog.modelsSupporting("aspectRatio", "8:1").map((m) => m.id)).toEqual(["nano-banana-2", "nano-banana-2-edit"]);
    expect(catalog.modelsSupporting("negativePrompt").map((m) => m.id)).toEqual(["firered-edit"]);
    expect(catalog.modelsSupporting("format", "webp").map((m) => m.id)).not.toContain("firered-edit");
  });

  it("refuses, at construction, duplicate ids, duplicate endpoints and a default that is not in the catalog", () => {
    const one = catalog.require("nano-banana");
    const family = (...list: ModelDefinition[]): ModelFamily => () => list;
    const defaults = { "text-to-image": "nano-banana", edit: "nano-banana-edit" } as const;
    const edit = catalog.require("nano-banana-edit");
    expect(() => createCatalog([family(one, edit, { ...one, endpoint: "fal-ai/other" })], defaults)).toThrow(
      /id "nano-banana" is used by two models/,
    );
    expect(() => createCatalog([family(one, edit, { ...one, id: "copy" })], defaults)).toThrow(
      /"copy" and "nano-banana" both use the endpoint fal-ai\/nano-banana/,
    );
    expect(() => createCatalog([family(one)], defaults)).toThrow(/default edit model "nano-banana-edit"/);
    expect(createCatalog([family(one, edit)], defaults).all()).toHaveLength(2);
  });
});

// ---- Every entry

describe.each(entries)("%s", (id, model) => {
  const e = expected[id] as Expected;

  it("declares its images, prompt cap and options as fal publishes them", () => {
    expect(model.inputImages).toEqual(e.images);
    expect(model.maxPromptLength).toBe(e.maxPrompt);
    expect(model.options.aspectRatios).toEqual(e.lists.aspectRatio);
    expect(model.options.resolutions).toEqual(e.lists.resolution);
    expect(model.options.formats).toEqual(e.lists.format);
    expect(model.options.safetyTolerance).toEqual(e.lists.safetyTolerance);
    expect(model.options.thinking).toEqual(e.lists.thinking);
    expect(model.options.imageSizes).toEqual(e.lists.imageSize);
    expect(model.options.defaultAspectRatio).toBe(e.defaults.aspect_ratio);
    expect(model.options.defaultResolution).toBe(e.defaults.resolution);
    expect(model.options.defaultFormat).toBe(e.defaults.output_format);
  });

  it("builds a minimal request into an input that sends only the prompt and the images", () => {
    const input = inputOf(model, { ...minimalRequest(model), prompt: "  a red fox in the snow \n" });
    const images = e.images && { [e.images.field]: e.images.field === "image_url" ? urls(1)[0] : urls(e.images.min) };
    expect(input).toEqual({ ...e.fixed, prompt: "a red fox in the snow", ...images });
    expect(model.inputSchema.safeParse(input).success).toBe(true);
  });

  it("documents fal's defaults in its schema without sending them", () => {
    const input = inputOf(model, minimalRequest(model));
    const parsed = model.inputSchema.parse(input) as Record<string, unknown>;
    for (const [field, value] of Object.entries(e.defaults)) {
      expect(parsed[field]).toBe(value);
      expect(input).not.toHaveProperty(field);
    }
  });

  it("sends exactly the options that were set, under fal's field names", () => {
    const request: GenerationRequest = { ...minimalRequest(model) };
    for (const option of combinable(e.offered)) Object.assign(request, { [option]: validValue[option] });
    const input = inputOf(model, request);
    const expectedFields = Object.fromEntries(
      combinable(e.offered).map((option) => [
        falField[option],
        option === "imageSize" ? { width: 1024, height: 768 } : validValue[option],
      ]),
    );
    const { prompt: _prompt, image_urls: _urls, image_url: _url, ...sent } = input;
    expect(sent).toEqual({ ...e.fixed, ...expectedFields });
  });

  it("builds inputs the fake fal's independently written schema accepts", () => {
    expect(isFalEndpoint(model.endpoint)).toBe(true);
    if (!isFalEndpoint(model.endpoint)) return;
    const full: GenerationRequest = { ...minimalRequest(model) };
    for (const option of combinable(e.offered)) Object.assign(full, { [option]: validValue[option] });
    const sized: GenerationRequest | undefined = e.offered.includes("width")
      ? { ...minimalRequest(model), width: 1280, height: 720 }
      : undefined;
    for (const request of [minimalRequest(model), full, ...(sized ? [sized] : [])]) {
      expect(falEndpointSchemas[model.endpoint].safeParse(inputOf(model, request)).success).toBe(true);
    }
  });

  it("rejects fields fal does not publish (strict schema)", () => {
    const input = inputOf(model, minimalRequest(model));
    expect(model.inputSchema.safeParse({ ...input, strength: 0.5 }).success).toBe(false);
  });

  it("accepts every published value of each listed option and names the option when a value is outside", () => {
    const outside = { aspectRatio: "7:3", resolution: "8K", format: "gif", safetyTolerance: "7", thinking: "medium", imageSize: "huge", acceleration: "turbo" };
    for (const [option, values] of Object.entries(e.lists) as [keyof typeof outside, string[]][]) {
      for (const value of values) {
        const input = inputOf(model, { ...minimalRequest(model), [option]: value });
        if (option !== "imageSize") expect(input[falField[option]]).toBe(value);
        else expect(input.image_size).toBe(value);
      }
      const problems = problemsOf(model, { ...minimalRequest(model), [option]: outside[option] });
      expect(problems).toHaveLength(1);
      expect(problems[0]?.option).toBe(option);
      expect(problems[0]?.message).toContain(`"${outside[option]}"`);
      const listed = `${values.length > 2 ? "one of " : ""}${listOr("en-US", values)}`;
      expect(problems[0]?.message).toContain(`choose ${listed}`);
    }
  });

  it("refuses each option it does not offer, saying what to change and suggesting a model that offers it", () => {
    const notOffered = requestOptions.filter((option) => !e.offered.includes(option));
    for (const option of notOffered) {
      const problems = problemsOf(model, { ...minimalRequest(model), [option]: validValue[option] });
      expect(problems).toHaveLength(1);
      expect(problems[0]?.option).toBe(option);
      expect(problems[0]?.message).toMatch(new RegExp(`^${escapeRegExp(model.name)} does not let you set the .+; .*leave the .+ empty\\.$`));
      const alternatives = catalog
        .modelsSupporting(option)
        .filter((other) => other.kind === model.kind)
        .map((other) => other.name);
      if (alternatives.length > 0) expect(problems[0]?.message).toContain(alternatives[0]);
      else expect(problems[0]?.message).not.toContain("choose");
    }
  });

  it("keeps the prompt between 1 character and its cap", () => {
    for (const prompt of ["", "   \n\t "]) {
      const problems = problemsOf(model, { ...minimalRequest(model), prompt });
      expect(problems).toEqual([{ option: "prompt", message: expect.stringMatching(/^The prompt is empty; describe /) }]);
    }
    expect(inputOf(model, { ...minimalRequest(model), prompt: "x".repeat(e.maxPrompt) }).prompt).toHaveLength(e.maxPrompt);
    const problems = problemsOf(model, { ...minimalRequest(model), prompt: "x".repeat(e.maxPrompt + 1) });
    const [n, max] = [e.maxPrompt + 1, e.maxPrompt].map((v) => v.toLocaleString("en-US"));
    expect(problems).toEqual([
      { option: "prompt", message: `The prompt is ${n} characters long; ${model.name} takes at most ${max}. Shorten it.` },
    ]);
  });

  if (e.images) {
    const { min, max, field } = e.images;
    it(`takes ${min} to ${max} images in ${field}`, () => {
      const atMax = inputOf(model, { ...minimalRequest(model), imageUrls: urls(max) });
      expect(atMax[field]).toEqual(field === "image_url" ? urls(1)[0] : urls(max));
      const tooMany = problemsOf(model, { ...minimalRequest(model), imageUrls: urls(max + 1) });
      const takes = min === max ? `exactly ${min} image` : `${min} to ${max} images`;
      expect(tooMany).toEqual([
        { option: "images", message: expect.stringContaining(`${model.name} takes ${takes}; you gave ${max + 1}. Remove 1 image`) },
      ]);
      const none = problemsOf(model, { ...minimalRequest(model), imageUrls: [] });
      const attach = e.kind === "edit" ? "Attach an image to edit." : "Attach an image.";
      expect(none).toEqual([{ option: "images", message: `${model.name} takes ${takes}; you gave 0. ${attach}` }]);
      expect(problemsOf(model, { prompt: "x" })[0]?.option).toBe("images");
    });
  } else {
    it("refuses input images, pointing at its edit counterpart", () => {
      expect(problemsOf(model, { prompt: "x", imageUrls: urls(1) })).toEqual([
        {
          option: "images",
          message: `${model.name} makes images from text only and does not take input images; remove the images, or choose ${e.editCounterpart} to edit them.`,
        },
      ]);
      expect(inputOf(model, { prompt: "x", imageUrls: [] })).toEqual({ prompt: "x" });
    });
  }

  if (e.offered.includes("count")) {
    it("takes 1 to 4 images per request", () => {
      expect(inputOf(model, { ...minimalRequest(model), count: 1 }).num_images).toBe(1);
      expect(inputOf(model, { ...minimalRequest(model), count: 4 }).num_images).toBe(4);
      for (const count of [0, 5, 2.5]) {
        expect(problemsOf(model, { ...minimalRequest(model), count })).toEqual([
          { option: "count", message: `The number of images must be a whole number from 1 to 4; you gave ${count}.` },
        ]);
      }
    });
  }

  if (e.offered.includes("seed")) {
    it("takes a seed from 0 to 2^31 − 1", () => {
      expect(inputOf(model, { ...minimalRequest(model), seed: 0 }).seed).toBe(0);
      expect(inputOf(model, { ...minimalRequest(model), seed: 2_147_483_647 }).seed).toBe(2_147_483_647);
      for (const seed of [-1, 2_147_483_648, 1.5]) {
        expect(problemsOf(model, { ...minimalRequest(model), seed })[0]).toEqual({
          option: "seed",
          message: `The seed must be a whole number from 0 to 2147483647; you gave ${seed}.`,
        });
      }
    });
  }

  it("reports every problem of a request at once", () => {
    const problems = problemsOf(model, { prompt: " ", imageUrls: urls(20), count: 9, negativePrompt: "x".repeat(20_000) });
    // Whether each knob is offered or not, every one of these is wrong for every model.
    expect(problems.map((p) => p.option)).toEqual(["prompt", "images", "count", "negativePrompt"]);
  });

  it("reads a malformed result as an error, not as an empty answer", () => {
    for (const raw of [undefined, null, "images", {}, { images: "x" }, { images: [{ width: 1 }] }, { image: { url: 3 } }]) {
      expect(() => model.normalizeOutput(raw)).toThrow(/not the shape it publishes/);
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---- Seeds: sent and shown only where fal's published schema takes one

describe("seeds", () => {
  it("are offered exactly by the models whose input schema takes one", () => {
    for (const model of models) {
      const withSeed = { ...inputOf(model, minimalRequest(model)), seed: 7 };
      expect(model.inputSchema.safeParse(withSeed).success, model.id).toBe(model.options.seed);
    }
    expect(catalog.modelsSupporting("seed").map((m) => m.id)).toEqual(["nano-banana-pro", "nano-banana-2", "nano-banana-2-edit", "firered-edit"]);
  });

  it("are refused on Gemini 2.5 Flash Image, naming the models that take one", () => {
    expect(problemsOf(catalog.require("nano-banana"), { prompt: "x", seed: 42 })).toEqual([
      { option: "seed", message: "Nano Banana does not let you set the seed; choose Nano Banana Pro or Nano Banana 2, or leave the seed empty." },
    ]);
    expect(problemsOf(catalog.require("gemini-25-flash-image-edit"), { prompt: "x", imageUrls: urls(1), seed: 42 })[0]?.message).toBe(
      "Gemini 2.5 Flash Image (edit) does not let you set the seed; choose Nano Banana 2 (edit) or FireRed Image Edit 1.1, or leave the seed empty.",
    );
  });

  it("names a nested fal field by the member's option", () => {
    expect(labelForFalField("image_size.width")).toBe("width");
    expect(labelForFalField("image_size")).toBe("image size");
    expect(labelForFalField("seed")).toBe("seed");
  });

  it("shows up in /models only for the models that take one", () => {
    expect(describeModel(catalog.require("firered-edit"))).toMatch(/seed.*acceleration none\/regular\/high, custom width × height/);
    expect(describeModel(catalog.require("nano-banana"))).not.toContain("seed");
    expect(describeModel(catalog.require("nano-banana"))).toContain("jpeg/png/webp (default jpeg)");
  });
});

// ---- Specific request rules

describe("request rules", () => {
  const nb = catalog.require("nano-banana");
  const nbEdit = catalog.require("nano-banana-edit");
  const firered = catalog.require("firered-edit");

  it("suggests the models that take an unsupported option", () => {
    expect(problemsOf(nb, { prompt: "x", resolution: "2K" })).toEqual([
      {
        option: "resolution",
        message: "Nano Banana does not let you set the resolution; choose Nano Banana Pro or Nano Banana 2, or leave the resolution empty.",
      },
    ]);
    expect(problemsOf(nb, { prompt: "x", negativePrompt: "blurry" })).toEqual([
      { option: "negativePrompt", message: "Nano Banana does not let you set the negative prompt; leave the negative prompt empty." },
    ]);
    expect(problemsOf(nbEdit, { prompt: "x", imageUrls: urls(1), negativePrompt: "blurry" })[0]?.message).toBe(
      "Nano Banana (edit) does not let you set the negative prompt; choose FireRed Image Edit 1.1, or leave the negative prompt empty.",
    );
  });

  it("lists the allowed values and a model that offers the one asked for", () => {
    expect(problemsOf(nb, { prompt: "x", aspectRatio: "8:1" })[0]?.message).toBe(
      'Nano Banana does not offer the aspect ratio "8:1"; choose one of 21:9, 16:9, 3:2, 4:3, 5:4, 1:1, 4:5, 3:4, 2:3, or 9:16, or switch to Nano Banana 2, which offers it.',
    );
    expect(problemsOf(catalog.require("nano-banana-2"), { prompt: "x", thinking: "medium" })[0]?.message).toBe(
      'Nano Banana 2 does not offer the thinking level "medium"; choose minimal or high.',
    );
  });

  it("suggests models that take more images when there are too many", () => {
    expect(problemsOf(nbEdit, { prompt: "x", imageUrls: urls(5) })[0]?.message).toBe(
      "Nano Banana (edit) takes 1 to 3 images; you gave 5. Remove 2 images, or switch to Nano Banana Pro (edit) or Nano Banana 2 (edit), which take that many.",
    );
    expect(problemsOf(nbEdit, { prompt: "x", imageUrls: urls(15) })[0]?.message).toBe(
      "Nano Banana (edit) takes 1 to 3 images; you gave 15. Remove 12 images.",
    );
  });

  it("sends gemini-flash-edit's single image as image_url", () => {
    expect(inputOf(catalog.require("gemini-flash-edit"), { prompt: "make it night", imageUrls: urls(1) })).toEqual({
      prompt: "make it night",
      image_url: urls(1)[0],
    });
  });

  it("maps FireRed's image size: a preset as is, WIDTHxHEIGHT to an object, anything else refused", () => {
    const base = { prompt: "x", imageUrls: urls(1) };
    expect(inputOf(firered, { ...base, imageSize: "portrait_16_9" }).image_size).toBe("portrait_16_9");
    expect(inputOf(firered, { ...base, imageSize: "2048 x 1536" }).image_size).toEqual({ width: 2048, height: 1536 });
    expect(inputOf(firered, { ...base, imageSize: "64x4096" }).image_size).toEqual({ width: 64, height: 4096 });
    for (const imageSize of ["63x512", "512x4097", "1024", "widexhigh"]) {
      expect(problemsOf(firered, { ...base, imageSize })[0]?.option).toBe("imageSize");
    }
  });

  it("sends FireRed's custom width and height as image_size {width, height}, both or neither, within bounds", () => {
    const base = { prompt: "x", imageUrls: urls(1) };
    expect(inputOf(firered, { ...base, width: 1280, height: 720 }).image_size).toEqual({ width: 1280, height: 720 });
    expect(inputOf(firered, { ...base, width: 64, height: 4096 }).image_size).toEqual({ width: 64, height: 4096 });
    expect(problemsOf(firered, { ...base, width: 1280 })).toEqual([
      { option: "height", message: "You gave a width but no height; give both (each 64 to 4096 pixels), or neither to keep the input's size." },
    ]);
    expect(problemsOf(firered, { ...base, height: 720 })[0]?.option).toBe("width");
    expect(problemsOf(firered, { ...base, width: 5000, height: 63 })).toEqual([
      { option: "width", message: "The width in pixels must be a whole number from 64 to 4096; you gave 5000." },
      { option: "height", message: "The height in pixels must be a whole number from 64 to 4096; you gave 63." },
    ]);
    expect(problemsOf(firered, { ...base, width: 1024, height: 1024, imageSize: "square_hd" })).toEqual([
      { option: "imageSize", message: "Choose either an image size or a width and height, not both." },
    ]);
    expect(problemsOf(nbEdit, { ...base, width: 1024, height: 1024 }).map((p) => p.message)).toEqual([
      "Nano Banana (edit) does not let you set the width; choose FireRed Image Edit 1.1, or leave the width empty.",
      "Nano Banana (edit) does not let you set the height; choose FireRed Image Edit 1.1, or leave the height empty.",
    ]);
  });

  it("sends FireRed's acceleration as fal lists it (none, regular or high; regular by default)", () => {
    const base = { prompt: "x", imageUrls: urls(1) };
    expect(firered.options.defaultAcceleration).toBe("regular");
    expect((firered.inputSchema.parse(inputOf(firered, base)) as Record<string, unknown>).acceleration).toBe("regular");
    expect(inputOf(firered, { ...base, acceleration: "none" }).acceleration).toBe("none");
    expect(problemsOf(nbEdit, { ...base, acceleration: "high" })[0]?.message).toBe(
      "Nano Banana (edit) does not let you set the acceleration; choose FireRed Image Edit 1.1, or leave the acceleration empty.",
    );
  });

  it("keeps FireRed's steps (2–50) and guidance (1–10) in range", () => {
    const base = { prompt: "x", imageUrls: urls(1) };
    expect(inputOf(firered, { ...base, steps: 2, guidance: 1 })).toMatchObject({ num_inference_steps: 2, guidance_scale: 1 });
    expect(inputOf(firered, { ...base, steps: 50, guidance: 10 })).toMatchObject({ num_inference_steps: 50, guidance_scale: 10 });
    expect(problemsOf(firered, { ...base, steps: 1, guidance: 10.5 })).toEqual([
      { option: "steps", message: "The number of steps must be a whole number from 2 to 50; you gave 1." },
      { option: "guidance", message: "The guidance must be a number from 1 to 10; you gave 10.5." },
    ]);
    expect(problemsOf(firered, { ...base, steps: 12.5 })[0]?.option).toBe("steps");
  });

  it("caps FireRed's negative prompt like its prompt, and sends a switch only as on or off", () => {
    const base = { prompt: "x", imageUrls: urls(1) };
    expect(problemsOf(firered, { ...base, negativePrompt: "x".repeat(1501) })[0]).toEqual({
      option: "negativePrompt",
      message: "The negative prompt is 1,501 characters long; FireRed Image Edit 1.1 takes at most 1,500. Shorten it.",
    });
    expect(inputOf(firered, { ...base, safetyChecker: false }).enable_safety_checker).toBe(false);
    expect(problemsOf(firered, { ...base, safetyChecker: "no" as unknown as boolean })[0]?.message).toBe(
      "The safety checker setting must be on or off.",
    );
  });
});

// ---- Outputs

const imageFile = { url: "https://v3.fal.media/files/a.png", content_type: "image/png", file_name: "a.png", file_size: 1234, width: 1024, height: 768 };

describe("normalizeOutput", () => {
  it("reads Gemini's images[] and description, ignoring unknown fields and null sizes", () => {
    const raw = {
      images: [imageFile, { url: "https://v3.fal.media/files/b.jpeg", width: null, height: null, extra: 1 }],
      description: "Here is your fox.",
      request_extra: true,
    };
    for (const id of ["nano-banana", "nano-banana-edit", "nano-banana-pro", "nano-banana-2-edit", "gemini-25-flash-image"]) {
      expect(catalog.require(id).normalizeOutput(raw)).toEqual({
        images: [
          { url: imageFile.url, contentType: "image/png", fileName: "a.png", fileSize: 1234, width: 1024, height: 768, nsfw: false },
          { url: "https://v3.fal.media/files/b.jpeg", nsfw: false },
        ],
        description: "Here is your fox.",
      });
    }
  });

  it("takes a text-only Gemini answer as a result with no images", () => {
    expect(catalog.require("nano-banana").normalizeOutput({ images: [], description: "I can't make that image." })).toEqual({
      images: [],
      description: "I can't make that image.",
    });
    expect(catalog.require("nano-banana").normalizeOutput({ images: [imageFile], description: "" })).not.toHaveProperty(
      "description",
    );
  });

  it("reads gemini-flash-edit's single image, or its words alone", () => {
    const model = catalog.require("gemini-flash-edit");
    expect(model.normalizeOutput({ image: imageFile, description: "Done." })).toEqual({
      images: [{ url: imageFile.url, contentType: "image/png", fileName: "a.png", fileSize: 1234, width: 1024, height: 768, nsfw: false }],
      description: "Done.",
    });
    expect(model.normalizeOutput({ image: null, description: "I can't edit that." })).toEqual({
      images: [],
      description: "I can't edit that.",
    });
    expect(() => model.normalizeOutput({ image: null, description: " " })).toThrow(/neither an image nor a description/);
  });

  it("carries FireRed's nsfw flags per image and its seed", () => {
    const raw = {
      images: [imageFile, { ...imageFile, url: "https://v3.fal.media/files/c.png" }],
      has_nsfw_concepts: [false, true],
      seed: 123456,
      prompt: "x",
      timings: { inference: 2.1 },
    };
    const output = catalog.require("firered-edit").normalizeOutput(raw);
    expect(output.images.map((image) => image.nsfw)).toEqual([false, true]);
    expect(output.seed).toBe(123456);
    expect(output.description).toBeUndefined();
    expect(catalog.require("firered-edit").normalizeOutput({ images: [imageFile] }).images[0]?.nsfw).toBe(false);
  });
});

// ---- The upscaler

describe("seedvr-upscale (SeedVR2, behind Upscale on results)", () => {
  const model = catalog.require("seedvr-upscale");
  const image = "https://v3.fal.media/files/fox.png";

  it("is the catalog's upscaler, after the image models, priced per megapixel of output", () => {
    expect(catalog.all().indexOf(model)).toBe(models.length);
    expect([model.endpoint, model.name, model.kind]).toEqual(["fal-ai/seedvr/upscale/image", "SeedVR2 Upscale", "upscale"]);
    expect(catalog.list("upscale")).toEqual([model]);
    expect(model.inputImages).toEqual({ min: 1, max: 1, field: "image_url" });
    expect(model.priceLabel).toBe("$0.001 per megapixel of output");
  });

  it("builds { image_url, factor mode, the factor } (no prompt) that the fake's independent schema accepts", () => {
    const input = inputOf(model, { prompt: "a fox", imageUrls: [image], upscaleFactor: 1.5238 });
    expect(input).toEqual({ image_url: image, upscale_mode: "factor", upscale_factor: 1.5238 });
    expect(falEndpointSchemas["fal-ai/seedvr/upscale/image"].safeParse(input).success).toBe(true);
    expect(inputOf(model, { prompt: "a fox", imageUrls: [image] }).upscale_factor).toBe(2);
    expect(model.inputSchema.safeParse({ ...input, prompt: "x" }).success).toBe(false);
  });

  it("refuses two images, a factor outside 1–10 and any image option", () => {
    expect(problemsOf(model, { prompt: "x", imageUrls: [image, image] })[0]?.message).toMatch(/upscales exactly 1 image; you gave 2/);
    expect(problemsOf(model, { prompt: "x", imageUrls: [image], upscaleFactor: 12 })[0]?.message).toMatch(/1 to 10 times larger; ×12/);
    expect(problemsOf(model, { prompt: "x", imageUrls: [image], upscaleFactor: 1 })).toHaveLength(1);
    expect(problemsOf(model, { prompt: "x", imageUrls: [image], resolution: "4K" })).toEqual([
      { option: "resolution", message: "SeedVR2 Upscale does not let you set the resolution." },
    ]);
  });

  it("reads { image, seed }", () => {
    const output = model.normalizeOutput({ image: { url: image, width: 2048, height: 1536, content_type: "image/jpeg" }, seed: 7 });
    expect(output).toEqual({ images: [{ url: image, width: 2048, height: 1536, contentType: "image/jpeg", nsfw: false }], seed: 7 });
    expect(() => model.normalizeOutput({ images: [] })).toThrow(/not the shape it publishes/);
  });

  it("estimates from a 1 MP source and settles on the output's megapixels at $0.001", () => {
    expect(model.estimateCost({ image_url: image, upscale_factor: 2 }).usd).toBe(0.004);
    expect(model.estimateCost({ image_url: image, upscale_factor: 4 }).usd).toBe(0.016);
    const settled = model.estimateCost({ image_url: image, upscale_factor: 4 }, { images: [{ url: image, width: 4096, height: 4096, nsfw: false }] });
    expect(settled).toEqual({ usd: 0.0168, published: true, breakdown: "1 image returned, 16.78 MP × $0.001 per MP = $0.0168" });
  });
});

// ---- The background remover

describe("bria-background-removal (Bria RMBG 2.0, before an emoji or a sticker)", () => {
  const model = catalog.require("bria-background-removal");
  const image = "https://v3.fal.media/files/fox.png";

  it("is the catalog's background remover, last, at a flat $0.018 per image", () => {
    expect(catalog.all().at(-1)).toBe(model);
    expect([model.endpoint, model.name, model.kind]).toEqual(["fal-ai/bria/background/remove", "Bria RMBG 2.0", "background-removal"]);
    expect(catalog.list("background-removal")).toEqual([model]);
    expect(catalog.defaultFor("background-removal")).toBe(model);
    expect(model.inputImages).toEqual({ min: 1, max: 1, field: "image_url" });
    expect(model.priceLabel).toBe("$0.018 per image");
  });

  it("builds { image_url } (no prompt) that the fake's independent schema accepts", () => {
    const input = inputOf(model, { prompt: "a fox", imageUrls: [image] });
    expect(input).toEqual({ image_url: image });
    expect(falEndpointSchemas["fal-ai/bria/background/remove"].safeParse(input).success).toBe(true);
    expect(model.inputSchema.safeParse({ ...input, prompt: "x" }).success).toBe(false);
  });

  it("refuses no image, two images and any image option, in the member's language", () => {
    expect(problemsOf(model, { prompt: "x" })[0]?.message).toBe("Bria RMBG 2.0 removes the background of exactly 1 image; you gave 0.");
    expect(problemsOf(model, { prompt: "x", imageUrls: [image, image] })[0]?.message).toMatch(/exactly 1 image; you gave 2/);
    expect(problemsOf(model, { prompt: "x", imageUrls: [image], aspectRatio: "1:1", format: "png" })).toEqual([
      { option: "aspectRatio", message: "Bria RMBG 2.0 only takes an image: it has no aspect ratio to set." },
      { option: "format", message: "Bria RMBG 2.0 only takes an image: it has no output format to set." },
    ]);
    const german = model.buildInput({ prompt: "x", imageUrls: [] }, "de");
    expect(german.ok ? undefined : german.problems[0]?.message).toBe("Bria RMBG 2.0 entfernt den Hintergrund von genau 1 Bild; du hast 0 angegeben.");
  });

  it("reads { image }", () => {
    const output = model.normalizeOutput({ image: { url: image, width: 1024, height: 768, content_type: "image/png", file_name: "fox.png", file_size: 5120 } });
    expect(output).toEqual({ images: [{ url: image, width: 1024, height: 768, contentType: "image/png", fileName: "fox.png", fileSize: 5120, nsfw: false }] });
    expect(() => model.normalizeOutput({ images: [] })).toThrow(/not the shape it publishes/);
  });

  it("costs $0.018 whatever came back", () => {
    expect(model.estimateCost({ image_url: image })).toEqual({ usd: 0.018, published: true, breakdown: "1 image × $0.018 = $0.018" });
    expect(model.estimateCost({ image_url: image }, { images: [{ url: image, width: 4096, height: 4096, nsfw: false }] }).usd).toBe(0.018);
  });
});

// ---- Costs

const out = (...sizes: ([number, number] | null)[]): NormalizedOutput => ({
  images: sizes.map((size, i) => ({ url: `https://v3.fal.media/files/${i}.png`, nsfw: false, ...(size && { width: size[0], height: size[1] }) })),
});

describe("estimateCost", () => {
  const cost = (id: string, input: Record<string, unknown>, output?: NormalizedOutput) =>
    catalog.require(id).estimateCost({ prompt: "x", ...input }, output);

  it("prices Nano Banana and Gemini 2.5 Flash Image at $0.039 an image", () => {
    expect(cost("nano-banana", {})).toEqual({ usd: 0.039, published: true, breakdown: "1 image × $0.039 = $0.039" });
    expect(cost("gemini-25-flash-image-edit", { num_images: 3 }).usd).toBe(0.117);
    expect(cost("nano-banana-edit", { num_images: 4 }).usd).toBe(0.156);
  });

  it("prices Nano Banana Pro at $0.15, doubles 4K and adds web search once per request", () => {
    expect(cost("nano-banana-pro", {}).usd).toBe(0.15);
    expect(cost("nano-banana-pro", { resolution: "2K", num_images: 2 }).usd).toBe(0.3);
    expect(cost("nano-banana-pro-edit", { resolution: "4K" }).usd).toBe(0.3);
    expect(cost("nano-banana-pro", { resolution: "4K", num_images: 2, enable_web_search: true })).toEqual({
      usd: 0.615,
      published: true,
      breakdown: "2 images × $0.15 × 2 (4K) + $0.015 web search per request = $0.615",
    });
  });

  it("prices Nano Banana 2 at $0.08 with its resolution multipliers and fal's published web-search fee", () => {
    expect(cost("nano-banana-2", { resolution: "0.5K" }).usd).toBe(0.06);
    expect(cost("nano-banana-2", {}).usd).toBe(0.08);
    expect(cost("nano-banana-2", { resolution: "1K", num_images: 2 }).usd).toBe(0.16);
    expect(cost("nano-banana-2-edit", { resolution: "2K" }).usd).toBe(0.12);
    expect(cost("nano-banana-2", { resolution: "4K", num_images: 3 }).usd).toBe(0.48);
    const search = cost("nano-banana-2", { enable_web_search: true });
    expect(search).toEqual({ usd: 0.095, published: true, breakdown: "1 image × $0.08 + $0.015 web search per request = $0.095" });
  });

  it("estimates gemini-flash-edit at $0.039 an image, marked unpublished", () => {
    expect(cost("gemini-flash-edit", { image_url: "u" })).toEqual({
      usd: 0.039,
      published: false,
      breakdown: "1 image × $0.039 (estimate; fal publishes no price) = $0.039",
    });
  });

  it("settles per-image prices on the images actually returned", () => {
    expect(cost("nano-banana-pro", { num_images: 4, resolution: "4K" }, out([4096, 4096], [4096, 4096])).usd).toBe(0.6);
    expect(cost("nano-banana", { num_images: 2 }, out()).usd).toBe(0);
    expect(cost("nano-banana", { num_images: 2 }, out()).breakdown).toBe("0 images returned × $0.039 = $0");
    expect(cost("nano-banana-pro", { enable_web_search: true }, out()).usd).toBe(0.015);
    expect(cost("gemini-flash-edit", { image_url: "u" }, out()).usd).toBe(0);
  });

  it("prices FireRed at $0.0325 per megapixel of the requested size", () => {
    expect(cost("firered-edit", { image_urls: ["u"], image_size: "square_hd", num_images: 2 })).toEqual({
      usd: 0.0682,
      published: true,
      breakdown: "2 images at 1024×1024 (square_hd) = 2.0972 MP × $0.0325 per MP = $0.0682",
    });
    expect(cost("firered-edit", { image_urls: ["u"], image_size: "landscape_16_9" }).usd).toBe(0.0192);
    expect(cost("firered-edit", { image_urls: ["u"], image_size: { width: 2000, height: 1000 } }).usd).toBe(0.065);
    expect(cost("firered-edit", { image_urls: ["u"], image_size: { width: 1000 } }).usd).toBe(0.0166);
  });

  it("prices a FireRed request with a member's own width and height by its megapixels", () => {
    const firered = catalog.require("firered-edit");
    const input = inputOf(firered, { prompt: "x", imageUrls: urls(1), width: 1280, height: 720, count: 2 });
    expect(firered.estimateCost(input)).toEqual({
      usd: 0.0599,
      published: true,
      breakdown: "2 images at 1280×720 = 1.8432 MP × $0.0325 per MP = $0.0599",
    });
  });

  it("assumes 1 MP per FireRed image when the size follows the input, and says so", () => {
    const estimate = cost("firered-edit", { image_urls: ["u"], num_images: 3 });
    expect(estimate.usd).toBe(0.0975);
    expect(estimate.breakdown).toMatch(/^3 images at 1 MP each \(assumed: .*unknown before running\) = 3 MP × \$0\.0325 per MP = \$0\.0975$/);
  });

  it("settles FireRed on the real sizes returned", () => {
    expect(cost("firered-edit", { image_urls: ["u"], num_images: 4 }, out([1024, 768], [2048, 2048])).usd).toBe(0.1619);
    expect(cost("firered-edit", { image_urls: ["u"] }, out()).usd).toBe(0);
    const unsized = cost("firered-edit", { image_urls: ["u"], image_size: "square" }, out([1000, 1000], null));
    expect(unsized.usd).toBe(0.0410);
    expect(unsized.breakdown).toContain("size not reported for 1 image");
  });
});
