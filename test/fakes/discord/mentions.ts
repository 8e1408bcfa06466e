import type { APIAllowedMentions } from "discord-api-types/v10";

export interface ResolvedMentions {
  mention_everyone: boolean;
  mentions: string[];
  mention_roles: string[];
}

/** What a message would ping: Discord parses everything when allowed_mentions is absent. */
export function resolveMentions(content: string, allowed: APIAllowedMentions | undefined): ResolvedMentions {
  const parse = allowed ? (allowed.parse ?? []) : ["users", "roles", "everyone"];
  const userIds = [...content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1] ?? "");
  const roleIds = [...content.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1] ?? "");
  const allowedUsers = new Set(allowed?.users ?? []);
  const allowedRoles = new Set(allowed?.roles ?? []);
  return {
    mention_everyone: parse.includes("everyone") && /@(everyone|here)\b/.test(content),
    mentions: unique(userIds.filter((id) => parse.includes("users") || allowedUsers.has(id))),
    mention_roles: unique(roleIds.filter((id) => parse.includes("roles") || allowedRoles.has(id))),
  };
}

/** A reply with its ping on mentions its target's author besides whoever its content names. */
export function withReplyPing(mentions: ResolvedMentions, repliedUserId: string | undefined): ResolvedMentions {
  return repliedUserId ? { ...mentions, mentions: unique([...mentions.mentions, repliedUserId]) } : mentions;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
