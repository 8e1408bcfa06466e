import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import type { RouteDef, RouteRequest, RouteResponse } from "../http/router.js";

/** Global and guild application commands, stored like Discord (ids, versions, defaults). */
export function commandRoutes(ctx: FakeContext): RouteDef[] {
  const routes: RouteDef[] = [];
  for (const base of ["/applications/:app/commands", "/applications/:app/guilds/:guild/commands"]) {
    const route = (method: RouteDef["method"], template: string, handle: (req: RouteRequest, guildId?: string) => RouteResponse): RouteDef => ({
      method,
      template,
      auth: "bot",
      bucket: "route",
      handle: (req) => handle(req, scope(ctx, req)),
    });
    const one = `${base}/:id`;
    routes.push(
      route("GET", base, (_req, guildId) => ({ status: 200, body: ctx.commands.list(guildId) })),
      route("PUT", base, (req, guildId) => ({ status: 200, body: ctx.commands.overwrite(req.body, guildId) })),
      route("POST", base, (req, guildId) => {
        const { command, created } = ctx.commands.upsert(req.body, guildId);
        return { status: created ? 201 : 200, body: command };
      }),
      route("GET", one, (req, guildId) => ({ status: 200, body: existing(ctx, req, guildId) })),
      route("PATCH", one, (req, guildId) => {
        const patched = ctx.commands.patch(req.params.id ?? "", req.body, guildId);
        if (!patched) throw DiscordErrors.unknownCommand();
        return { status: 200, body: patched };
      }),
      route("DELETE", one, (req, guildId) => {
        if (!ctx.commands.remove(req.params.id ?? "", guildId)) throw DiscordErrors.unknownCommand();
        return { status: 204 };
      }),
    );
  }
  return routes;
}

function scope(ctx: FakeContext, req: RouteRequest): string | undefined {
  if (req.params.app !== ctx.settings.applicationId) throw DiscordErrors.notAuthorizedForApplication();
  const guildId = req.params.guild;
  if (guildId !== undefined && guildId !== ctx.world.guildId) throw DiscordErrors.missingAccess();
  return guildId;
}

function existing(ctx: FakeContext, req: RouteRequest, guildId: string | undefined) {
  const command = ctx.commands.get(req.params.id ?? "", guildId);
  if (!command) throw DiscordErrors.unknownCommand();
  return command;
}
