// What the routes that change a server's images share: the guild (either one the bot is in), the bot's permission
// there, and the audit-log reason the request gave.
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import type { GuildAssets } from "../guild-assets.js";
import type { RouteRequest } from "../http/router.js";

/** The route's guild, one the bot is in; any other answers 10004 Unknown Guild. */
export function botGuild(ctx: FakeContext, req: RouteRequest): GuildAssets {
  const assets = ctx.world.assetsOf(req.params.guild ?? "");
  if (!assets) throw DiscordErrors.unknownGuild();
  return assets;
}

/** Without the permission (Administrator implies all), Discord answers 403 50013 before it reads the body. */
export function requireBotPermission(ctx: FakeContext, guildId: string, permission: bigint): void {
  if ((ctx.world.botPermissionsIn(guildId) & permission) === 0n) throw DiscordErrors.missingPermissions();
}

/** X-Audit-Log-Reason, which clients URL-encode (discord.js does), decoded; undefined when the request gave none. */
export function auditReason(req: RouteRequest): string | undefined {
  const header = req.headers["x-audit-log-reason"];
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw === "") return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
