// Whether a server's settings make sense as a whole: the zod schema, then what only the catalog can tell.
import type { Catalog, ModelKind } from "../models/index.js";
import { guildSettingsSchema, type GuildSettings } from "./schema.js";
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";

/** The words an admin knows each setting by, for the schema's complaints. */
const labels: Record<keyof GuildSettings, string> = {
  enabledModels: "Models turned on",
  defaultTextModel: "Default model for /imagine",
  defaultEditModel: "Default model for /edit",
  dailyImageQuota: "Daily images per member",
  cooldownSeconds: "Cooldown",
  maxJobsInFlight: "Jobs running at once per member",
  dailyBudgetUsd: "Daily budget",
  allowedChannelIds: "Channels",
  premiumRoleIds: "Premium roles",
  contestModeratorRoleIds: "Contest roles",
  premiumCountAbove: "Premium image count",
  nsfwPolicy: "Flagged images",
  privateByDefault: "Private replies",
};

const kinds: { kind: ModelKind; command: string; key: "defaultTextModel" | "defaultEditModel"; option: string }[] = [
  { kind: "text-to-image", command: "/imagine", key: "defaultTextModel", option: "default_image_model" },
  { kind: "edit", command: "/edit", key: "defaultEditModel", option: "default_edit_model" },
];

function schemaProblems(settings: GuildSettings, say: Translate): string[] {
  const parsed = guildSettingsSchema.safeParse(settings);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const key = issue.path[0] as keyof GuildSettings | undefined;
    const label = key ? labels[key] : "Settings";
    if (key === "allowedChannelIds" && issue.code === "too_big") return say("settings.tooManyChannels");
    if (key === "premiumRoleIds" && issue.code === "too_big") return say("settings.tooManyPremiumRoles");
    if (key === "contestModeratorRoleIds" && issue.code === "too_big") return say("settings.tooManyContestRoles");
    return `${label}: ${issue.message}.`;
  });
}

function modelProblems(settings: GuildSettings, catalog: Catalog, say: Translate): string[] {
  const problems: string[] = [];
  const isOn = (id: string) => settings.enabledModels === null || settings.enabledModels.includes(id);
  for (const { kind, command, key, option } of kinds) {
    if (!catalog.list(kind).some((model) => isOn(model.id))) {
      problems.push(say("settings.keepOneModel", { command }));
      continue;
    }
    const chosen = settings[key];
    const model = chosen === null ? catalog.defaultFor(kind) : catalog.get(chosen);
    if (!model || model.kind !== kind) {
      problems.push(say("settings.notAModelFor", { id: String(chosen), command, option }));
    } else if (!isOn(model.id)) {
      problems.push(say("settings.defaultWouldBeOff", { model: model.name, command, option }));
    }
  }
  return problems;
}

/** Problems in plain words (in `say`'s language); none means the settings may be saved. */
export function settingsProblems(settings: GuildSettings, catalog: Catalog, say: Translate = translator(fallbackLocale)): string[] {
  const problems = schemaProblems(settings, say);
  return problems.length ? problems : modelProblems(settings, catalog, say);
}
