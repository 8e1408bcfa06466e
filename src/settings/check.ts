// Whether a server's settings make sense as a whole: the zod schema, then what only the catalog can tell.
import type { Catalog, ModelKind } from "../models/index.js";
import { guildSettingsSchema, type GuildSettings } from "./schema.js";

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

function schemaProblems(settings: GuildSettings): string[] {
  const parsed = guildSettingsSchema.safeParse(settings);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const key = issue.path[0] as keyof GuildSettings | undefined;
    const label = key ? labels[key] : "Settings";
    if (key === "allowedChannelIds" && issue.code === "too_big") return "At most 25 channels can be on the list.";
    if (key === "premiumRoleIds" && issue.code === "too_big") return "At most 25 roles can unlock premium choices.";
    if (key === "contestModeratorRoleIds" && issue.code === "too_big") return "At most 25 roles can run contests.";
    return `${label}: ${issue.message}.`;
  });
}

function modelProblems(settings: GuildSettings, catalog: Catalog): string[] {
  const problems: string[] = [];
  const isOn = (id: string) => settings.enabledModels === null || settings.enabledModels.includes(id);
  for (const { kind, command, key, option } of kinds) {
    if (!catalog.list(kind).some((model) => isOn(model.id))) {
      problems.push(`At least one model for ${command} must stay on.`);
      continue;
    }
    const chosen = settings[key];
    const model = chosen === null ? catalog.defaultFor(kind) : catalog.get(chosen);
    if (!model || model.kind !== kind) {
      problems.push(`"${chosen}" is not a model for ${command}. Pick one from the list of \`/settings set ${option}\`.`);
    } else if (!isOn(model.id)) {
      problems.push(
        `${model.name} is the default for ${command} but would be turned off. Keep it on (\`/settings model\`) or choose another default first (\`/settings set ${option}\`).`,
      );
    }
  }
  return problems;
}

/** Problems in plain words; none means the settings may be saved. */
export function settingsProblems(settings: GuildSettings, catalog: Catalog): string[] {
  const problems = schemaProblems(settings);
  return problems.length ? problems : modelProblems(settings, catalog);
}
