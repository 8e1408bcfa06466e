// Assets: a result made into one of the server's own images — custom emoji, stickers, the icon, the banner, an
// event's cover — fitted to Discord's rules and added in one press.
export { assetResultButtons } from "./asset-buttons.js";
export { assetButtonHandlers } from "./buttons.js";
export type { AssetDeps } from "./deps.js";
