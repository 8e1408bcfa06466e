import { ApplicationFlags } from "discord-api-types/v10";
import type { FakeContext } from "../context.js";
import { REFRESH_BATCH_LIMIT } from "../attachments.js";
import { DiscordErrors } from "../errors.js";
import { FormErrors } from "../validation/form-errors.js";
import type { RouteDef, RouteRequest, RouteResponse } from "../http/router.js";

/** Gateway discovery, the bot's own user/application, and read-only guild lookups. */
export function miscRoutes(ctx: FakeContext): RouteDef[] {
  const route = (method: RouteDef["method"], template: string, auth: RouteDef["auth"], handle: (req: RouteRequest) => RouteResponse): RouteDef => ({
    method,
    template,
    auth,
    bucket: "route",
    handle,
  });
  const { world } = ctx;
  const guild = (req: RouteRequest) => {
    if (req.params.guild !== world.guildId) throw DiscordErrors.unknownGuild();
  };
  return [
    route("GET", "/gateway", "none", () => ({ status: 200, body: { url: ctx.gatewayUrl() } })),
    route("GET", "/gateway/bot", "bot", () => ({
      status: 200,
      body: {
        url: ctx.gatewayUrl(),
        shards: ctx.settings.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: ctx.settings.maxConcurrency },
      },
    })),
    // Fresh signed links for attachment links (expired or not) of this CDN; others are left out of the answer.
    route("POST", "/attachments/refresh-urls", "bot", (req) => {
      const urls = (req.body as { attachment_urls?: unknown } | undefined)?.attachment_urls;
      const errors = new FormErrors();
      if (!Array.isArray(urls) || urls.some((url) => typeof url !== "string")) errors.add(["attachment_urls"], "BASE_TYPE_REQUIRED", "This field is required");
      else if (urls.length < 1 || urls.length > REFRESH_BATCH_LIMIT) {
        errors.add(["attachment_urls"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${REFRESH_BATCH_LIMIT} in length.`);
      }
      errors.throwIfAny();
      const refreshed = (urls as string[]).flatMap((original) => {
        const fresh = ctx.attachments.refresh(original);
        return fresh ? [{ original, refreshed: fresh }] : [];
      });
      return { status: 200, body: { refreshed_urls: refreshed } };
    }),
    route("GET", "/users/@me", "bot", () => ({ status: 200, body: { ...world.botUser, verified: true, mfa_enabled: false } })),
    route("POST", "/users/@me/channels", "bot", (req) => {
      const recipient = (req.body as { recipient_id?: unknown } | undefined)?.recipient_id;
      const user = typeof recipient === "string" ? world.findUser(recipient) : undefined;
      // Discord answers 50007 when it cannot open a DM; the fake only knows the guild's members.
      if (!user) throw DiscordErrors.cannotMessageUser();
      return { status: 200, body: world.openDm(user) };
    }),
    route("GET", "/users/:user", "bot", (req) => {
      const user = world.findUser(req.params.user ?? "");
      if (req.params.user === world.botUser.id) return { status: 200, body: world.botUser };
      if (!user) throw DiscordErrors.notFound();
      return { status: 200, body: world.apiUser(user) };
    }),
    route("GET", "/applications/@me", "bot", () => ({
      status: 200,
      body: {
        id: ctx.settings.applicationId,
        name: world.botUser.username,
        icon: null,
        description: "",
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: "0".repeat(64),
        flags: ApplicationFlags.ApplicationCommandBadge,
        bot: world.botUser,
        owner: world.apiUser(world.users.owner),
        team: null,
        integration_types_config: world.userInstall ? { "0": {}, "1": {} } : { "0": {} },
      },
    })),
    route("GET", "/guilds/:guild/channels", "bot", (req) => {
      guild(req);
      return { status: 200, body: world.channelList };
    }),
    route("GET", "/guilds/:guild/roles", "bot", (req) => {
      guild(req);
      return { status: 200, body: world.roleList };
    }),
    route("GET", "/guilds/:guild/members/:user", "bot", (req) => {
      guild(req);
      if (req.params.user === world.botUser.id) return { status: 200, body: world.botMember() };
      const user = world.findUser(req.params.user ?? "");
      if (!user) throw DiscordErrors.unknownMember();
      return { status: 200, body: world.member(user) };
    }),
  ];
}
