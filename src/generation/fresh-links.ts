// A job may go to fal long after its images were attached (Re-roll or Retry days later, a queue that waited
// through a restart), when Discord's signed links have expired and fal could no longer fetch them.
import { linkExpiresAt } from "../discord/attachment-links.js";
import { imageUrlsOf, withImageUrls } from "../fal/rehost.js";
import type { Logger } from "../log.js";
import type { ModelDefinition } from "../models/index.js";

/** Links that expire within this long are refreshed before the job goes to fal (which fetches them soon after). */
const marginMs = 60 * 60 * 1000;

/** Fresh links by original link (see discord/attachment-links.ts). */
export type RefreshLinks = (urls: readonly string[]) => Promise<Map<string, string>>;

/**
 * The same input with its Discord attachment links that expire within the hour refreshed. Should Discord not
 * refresh them, the input goes as it was: fal then reports the image it cannot fetch, as for any dead link.
 */
export async function withFreshLinks(
  model: ModelDefinition,
  input: Record<string, unknown>,
  refresh: RefreshLinks,
  log: Logger,
  now = Date.now(),
): Promise<Record<string, unknown>> {
  const field = model.inputImages?.field;
  if (!field) return input;
  const urls = imageUrlsOf(input, field);
  const stale = urls.filter((url) => {
    const expiresAt = linkExpiresAt(url);
    return expiresAt !== undefined && expiresAt - now < marginMs;
  });
  if (stale.length === 0) return input;
  try {
    const fresh = await refresh(stale);
    log.info({ links: stale.length, refreshed: fresh.size }, "refreshed expiring Discord attachment links");
    return withImageUrls(input, field, urls.map((url) => fresh.get(url) ?? url));
  } catch (error) {
    log.warn({ err: error }, "could not refresh expiring Discord attachment links; sending them as they are");
    return input;
  }
}
