// A member's own choices on top of an order: their defaults where the order leaves a choice open, always within what
// the server allows (a default the server does not allow here is passed over, never refused), and a saved style's
// prompt addition and reference images. The order of a choice: the member's option, their default, the server's
// default, the catalog's.
import { editModelOf, premiumModelIds, type Catalog, type GenerationRequest, type ModelDefinition, type ModelKind } from "../models/index.js";
import type { GuildSettings } from "../settings/index.js";
import { isPremiumResolution, mayUsePremium, type MemberFacts } from "../usage/index.js";
import { userText } from "../discord/user-text.js";
import { assetRules } from "../discord/expression-rules.js";
import { t, translator, type SupportedLocale, type Translate } from "../i18n/index.js";
import type { InputImage } from "./input-images.js";

/** What a member set as their own defaults; each unset means the server's. */
export interface MemberDefaults {
  imagineModel?: string;
  editModel?: string;
  aspectRatio?: string;
  resolution?: string;
  private?: boolean;
}

export interface MemberStyle {
  name: string;
  promptAddition: string;
  /** fal storage URLs. */
  imageUrls: readonly string[];
}

/** Where a member's defaults and styles are kept. */
export interface MemberPreferences {
  defaultsOf(userId: string): Promise<MemberDefaults>;
  /** The member's style of this name (whatever its case). */
  styleOf(userId: string, name: string): Promise<MemberStyle | undefined>;
}

/** What a member asked for, before their defaults and style are applied (GenerationOrder adds where the job comes from). */
export interface OpenOrder {
  kind: ModelKind;
  /** The member's choice; when unset, their own default (with useMemberDefaults), the server's, then the catalog's. */
  model?: ModelDefinition;
  request: Omit<GenerationRequest, "imageUrls">;
  images: readonly InputImage[];
  /** The member's choice; when unset, their own default (with useMemberDefaults), then the server's. */
  private?: boolean;
  /** The name of the member's saved style to apply: its prompt addition and reference images. */
  style?: string;
  /**
   * Fill what the member left open (model, aspect ratio, resolution, private) with their own defaults first: a
   * fresh order from a command. A re-run repeats its job as it was and leaves this unset.
   */
  useMemberDefaults?: boolean;
}

export interface PersonalOrder {
  model: ModelDefinition;
  request: Omit<GenerationRequest, "imageUrls">;
  images: readonly InputImage[];
  private: boolean;
}

export type Personalised = ({ ok: true } & PersonalOrder) | { ok: false; problems: string[] };

export interface PersonalDeps {
  catalog: Catalog;
  preferences: MemberPreferences;
}

/** Whether the server lets this member use the model: turned on here, and not held back by the premium role gate. */
function allowedHere(model: ModelDefinition, settings: GuildSettings, member: MemberFacts): boolean {
  const enabled = !settings.enabledModels || settings.enabledModels.includes(model.id);
  return enabled && (!premiumModelIds.has(model.id) || mayUsePremium(settings, member));
}

function pickModel(order: OpenOrder, defaults: MemberDefaults, settings: GuildSettings, member: MemberFacts, catalog: Catalog): ModelDefinition {
  if (order.model) return order.model;
  const own = order.kind === "edit" ? defaults.editModel : defaults.imagineModel;
  const mine = own ? catalog.get(own) : undefined;
  if (mine?.kind === order.kind && allowedHere(mine, settings, member)) return mine;
  const serverDefault = order.kind === "edit" ? settings.defaultEditModel : settings.defaultTextModel;
  const model = serverDefault ? catalog.get(serverDefault) : undefined;
  return model?.kind === order.kind ? model : catalog.defaultFor(order.kind);
}

/** For /preferences: the member's default models this server passes over for them, and what it uses instead. */
export function passedOverDefaults(defaults: MemberDefaults, settings: GuildSettings, member: MemberFacts, catalog: Catalog, locale: SupportedLocale): string[] {
  const lines: string[] = [];
  for (const [kind, id, command] of [["text-to-image", defaults.imagineModel, "/imagine"], ["edit", defaults.editModel, "/edit"]] as const) {
    const mine = id ? catalog.get(id) : undefined;
    if (!mine || allowedHere(mine, settings, member)) continue;
    const instead = pickModel({ kind, request: { prompt: "" }, images: [] }, {}, settings, member, catalog);
    const why = settings.enabledModels && !settings.enabledModels.includes(mine.id) ? "off" : "premium";
    lines.push(t(locale, "generation.passedOver", { model: mine.name, why, command, instead: instead.name }));
  }
  return lines;
}

/** The member's default aspect ratio and resolution, each only where the model offers it and the server lets them use it. */
function withDefaultShape(
  request: Omit<GenerationRequest, "imageUrls">,
  model: ModelDefinition,
  defaults: MemberDefaults,
  settings: GuildSettings,
  member: MemberFacts,
): Omit<GenerationRequest, "imageUrls"> {
  const filled = { ...request };
  const { aspectRatio, resolution } = defaults;
  if (filled.aspectRatio === undefined && aspectRatio && model.options.aspectRatios?.includes(aspectRatio)) filled.aspectRatio = aspectRatio;
  if (
    filled.resolution === undefined &&
    resolution &&
    model.options.resolutions?.includes(resolution) &&
    (!isPremiumResolution(resolution) || mayUsePremium(settings, member))
  ) {
    filled.resolution = resolution;
  }
  return filled;
}

/** An asset's request asks the model for the kind's shape: the first of the kind's aspect ratios the model offers. */
function withAssetShape(request: Omit<GenerationRequest, "imageUrls">, model: ModelDefinition): Omit<GenerationRequest, "imageUrls"> {
  if (!request.asset || request.aspectRatio !== undefined) return request;
  const ratio = assetRules[request.asset.kind].ask.find((candidate) => model.options.aspectRatios?.includes(candidate));
  return ratio ? { ...request, aspectRatio: ratio } : request;
}

/** The member's prompt followed by the style's addition. */
export function styledPrompt(prompt: string, style: MemberStyle): string {
  return `${prompt.trim()}\n${style.promptAddition}`;
}

function styleLabel(t: Translate, style: MemberStyle, index: number): string {
  return t("generation.image.ofStyle", { n: index + 1, style: userText(style.name, 100) });
}

type Styled = { ok: true; model: ModelDefinition; request: OpenOrder["request"]; images: readonly InputImage[] } | { ok: false; problems: string[] };

/** The server's default edit model (else the catalog's), as an /edit without a model choice would pick it. */
function serverEditModel(settings: GuildSettings, member: MemberFacts, catalog: Catalog): ModelDefinition {
  return pickModel({ kind: "edit", request: { prompt: "" }, images: [] }, {}, settings, member, catalog);
}

/** The style's words after the prompt and its images as references: a text-to-image model hands the job to an edit model. */
function applyStyle(
  order: OpenOrder,
  chosen: ModelDefinition,
  style: MemberStyle,
  settings: GuildSettings,
  member: MemberFacts,
  catalog: Catalog,
  t: Translate,
): Styled {
  const named = userText(style.name, 100);
  let model = chosen;
  if (style.imageUrls.length && model.kind === "text-to-image") {
    const counterpart = editModelOf(model, catalog);
    if (!counterpart) return { ok: false, problems: [t("generation.style.noEditModel", { model: model.name, style: named })] };
    // The edit version when the server lets the member use it, else the server's default edit model when it does.
    const fallback = serverEditModel(settings, member, catalog);
    const editor = [counterpart, fallback].find((candidate) => allowedHere(candidate, settings, member));
    if (!editor) {
      const problem =
        fallback === counterpart
          ? t("generation.style.editModelNotAllowed", { style: named, editor: counterpart.name })
          : t("generation.style.editModelsNotAllowed", { style: named, editor: counterpart.name, fallback: fallback.name });
      return { ok: false, problems: [problem] };
    }
    model = editor;
  }
  const problems: string[] = [];
  const given = order.request.prompt;
  // An empty prompt stays empty, so the model's own check asks for one.
  const prompt = given.trim() ? styledPrompt(given, style) : given;
  if (prompt.length > model.maxPromptLength) {
    problems.push(t("generation.style.promptTooLong", { style: named, length: prompt.length, model: model.name, max: model.maxPromptLength }));
  }
  const images = [...order.images, ...style.imageUrls.map((url, index) => ({ label: styleLabel(t, style, index), url }))];
  const max = model.inputImages?.max ?? 0;
  if (style.imageUrls.length && images.length > max) {
    const counts = { max, own: order.images.length, styleImages: style.imageUrls.length, total: images.length };
    problems.push(t("generation.style.tooManyImages", { model: model.name, style: named, ...counts }));
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, model, request: { ...order.request, prompt, style: style.name }, images };
}

/** The order with the member's defaults (when it takes them) and style applied, or what to change (in `locale`). */
export async function personalise(
  order: OpenOrder,
  settings: GuildSettings,
  member: MemberFacts,
  userId: string,
  deps: PersonalDeps,
  locale: SupportedLocale,
): Promise<Personalised> {
  const t = translator(locale);
  const none: MemberDefaults = {};
  const [defaults, style] = await Promise.all([
    order.useMemberDefaults ? deps.preferences.defaultsOf(userId) : none,
    order.style !== undefined ? deps.preferences.styleOf(userId, order.style) : undefined,
  ]);
  if (order.style !== undefined && !style) {
    return {
      ok: false,
      problems: [t("generation.style.missing", { style: userText(order.style, 100) })],
    };
  }
  const chosen = pickModel(order, defaults, settings, member, deps.catalog);
  const styled = style ? applyStyle(order, chosen, style, settings, member, deps.catalog, t) : { ok: true as const, model: chosen, request: order.request, images: order.images };
  if (!styled.ok) return styled;
  const { model, images } = styled;
  // An asset takes its kind's shape (before the member's own default shape could fill it in).
  const shaped = withAssetShape(styled.request, model);
  // An asset's size is its kind's: the member's default shape and resolution (a 4K emoji) would only cost more.
  let request = order.useMemberDefaults && !shaped.asset ? withDefaultShape(shaped, model, defaults, settings, member) : shaped;
  // Handed to the edit model, an /imagine keeps the shape the text model would have made, not the references'.
  const shape = chosen.options.defaultAspectRatio;
  if (model !== chosen && request.aspectRatio === undefined && shape && model.options.aspectRatios?.includes(shape)) {
    request = { ...request, aspectRatio: shape };
  }
  const isPrivate = order.private ?? (order.useMemberDefaults ? defaults.private : undefined) ?? settings.privateByDefault;
  return { ok: true, model, request, images, private: isPrivate };
}
