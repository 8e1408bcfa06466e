import type { APIApplicationCommand } from "discord-api-types/v10";
import type { FakeContext } from "../context.js";
import { DiscordErrors } from "../errors.js";
import type { RouteDef, RouteRequest, RouteResponse } from "../http/router.js";
import { isRecord } from "../util.js";

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
      // Like Discord, the list carries the localization dictionaries only when asked for them.
      route("GET", base, (req, guildId) => ({
        status: 200,
        body: booleanQuery(req.query.get("with_localizations")) ? ctx.commands.list(guildId) : ctx.commands.list(guildId).map(withoutLocalizations),
      })),
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

/** Discord's boolean query strings: true, True or 1. */
function booleanQuery(value: string | null): boolean {
  return value === "true" || value === "True" || value === "1";
}

/** A command as GET …/commands returns it by default: no name_localizations or description_localizations anywhere. */
function withoutLocalizations(command: APIApplicationCommand): APIApplicationCommand {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!isRecord(value)) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "name_localizations" && key !== "description_localizations")
        .map(([key, child]) => [key, strip(child)]),
    );
  };
  return strip(command) as APIApplicationCommand;
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
