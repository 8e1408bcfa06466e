// Assets: the server's own images made with falcord — /asset, and "Make asset" on any result — fitted to Discord's
// rules for custom emoji, stickers, the icon, the banner and an event's cover, and added to the server in one press.
export { assetKinds } from "../discord/expression-rules.js";
export { runAssetCommand } from "./asset-command.js";
export { assetResultButtons } from "./asset-buttons.js";
export { assetButtonHandlers } from "./buttons.js";
export type { AssetDeps } from "./deps.js";
