// Who may make and add which asset: the member (their permissions in the channel, as the interaction carries them) and
// the bot (the app's permissions there). Administrator grants everything (PermissionsBitField.has checks it).
import { assetKinds, assetPermission, type AssetKind } from "../discord/expression-rules.js";
export { permissionName } from "../discord/expression-rules.js";

/** What an interaction's permissions offer: `has` of discord.js's PermissionsBitField. */
export interface Permissions {
  has(permission: bigint): boolean;
}

/** The kinds the member may make (null permissions: not in a server). */
export function kindsAllowed(member: Permissions | null): AssetKind[] {
  return member ? assetKinds.filter((kind) => member.has(assetPermission[kind])) : [];
}

/** The permissions that would let a member make some asset, each once. */
export function makingPermissions(): bigint[] {
  return [...new Set(assetKinds.map((kind) => assetPermission[kind]))];
}

export type AddProblem =
  | { kind: "not-in-server" }
  | { kind: "member"; permission: bigint }
  | { kind: "bot"; permission: bigint };

export interface AddPlace {
  /** A server that installed the bot (not a member's own install elsewhere, not a DM). */
  botInServer: boolean;
  member: Permissions | null;
  app: Permissions | null;
}

/** Why the asset cannot be added here by this member, if it cannot. */
export function addProblem(place: AddPlace, kind: AssetKind): AddProblem | undefined {
  if (!place.botInServer) return { kind: "not-in-server" };
  const permission = assetPermission[kind];
  if (!place.member?.has(permission)) return { kind: "member", permission };
  if (!place.app?.has(permission)) return { kind: "bot", permission };
  return undefined;
}
