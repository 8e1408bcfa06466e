// /contest create's options, read into a new contest or the problems that stop it.
import { ChannelType, type ChatInputCommandInteraction } from "discord.js";
import type { Catalog, ModelDefinition } from "../models/index.js";
import type { GuildSettings } from "../settings/index.js";
import type { NewContest } from "../store/contests.js";
import { parseWindowEnd } from "./durations.js";
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";

export type CreateRead = { ok: true; contest: NewContest } | { ok: false; problems: string[] };

const textChannels: readonly ChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

/** The models a contest entry can be made with: those that make an image from a prompt, with or without an image. */
export function contestModels(catalog: Pick<Catalog, "all">): ModelDefinition[] {
  return catalog.all().filter((m) => m.kind === "text-to-image" || m.kind === "edit");
}

/** "nano-banana, Nano Banana Pro" → model ids; names and ids match case-insensitively. */
export function readModels(text: string, catalog: Catalog): { ids: string[]; unknown: string[] } {
  const ids: string[] = [];
  const unknown: string[] = [];
  const models = contestModels(catalog);
  for (const raw of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const wanted = raw.toLowerCase();
    const matches = models.filter((m) => m.id.toLowerCase() === wanted || m.name.toLowerCase() === wanted);
    // A family name ("Nano Banana Pro") takes its edit variant too, so members may enter with or without an image.
    const family = models.filter((m) => m.name.toLowerCase().replace(/ \(edit\)$/, "") === wanted);
    const found = matches.length ? [...matches, ...family] : family;
    if (!found.length) unknown.push(raw);
    for (const model of found) if (!ids.includes(model.id)) ids.push(model.id);
  }
  return { ids, unknown };
}

export function readCreate(
  interaction: ChatInputCommandInteraction,
  catalog: Catalog,
  settings: GuildSettings,
  now = Date.now(),
  say: Translate = translator(fallbackLocale),
): CreateRead {
  const o = interaction.options;
  const problems: string[] = [];
  const channel = o.getChannel("channel", true);
  if (!textChannels.includes(channel.type)) problems.push(say("contests.channelType"));
  const submission = parseWindowEnd(o.getString("submission", true), now, say("contests.submissionWindow"), now, say);
  if (!submission.ok) problems.push(submission.problem);
  const voting = submission.ok ? parseWindowEnd(o.getString("voting", true), submission.at, say("contests.votingWindow"), now, say) : undefined;
  if (voting && !voting.ok) problems.push(voting.problem);
  let allowedModels: string[] | null = null;
  const modelsText = o.getString("models");
  if (modelsText) {
    const { ids, unknown } = readModels(modelsText, catalog);
    if (unknown.length) problems.push(say("contests.unknownModels", { count: unknown.length, names: unknown.join(", ") }));
    const off = ids.filter((id) => settings.enabledModels && !settings.enabledModels.includes(id));
    if (off.length) problems.push(say("contests.modelsOff", { count: off.length, names: off.map((id) => catalog.get(id)?.name ?? id).join(", ") }));
    if (ids.length) allowedModels = ids;
  }
  if (problems.length || !submission.ok || !voting?.ok) return { ok: false, problems };
  return {
    ok: true,
    contest: {
      guildId: interaction.guildId!,
      channelId: channel.id,
      theme: o.getString("theme", true).trim(),
      createdBy: interaction.user.id,
      submissionEndsAt: submission.at,
      votingEndsAt: voting.at,
      entriesPerMember: o.getInteger("entries_per_member") ?? 1,
      votesPerMember: o.getInteger("votes_per_member"),
      allowedModels,
      approval: o.getBoolean("approval") ?? false,
      hideCounts: o.getBoolean("hide_counts") ?? true,
      locale: interaction.guildLocale ?? interaction.guild?.preferredLocale ?? null,
    },
  };
}
