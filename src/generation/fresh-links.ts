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
 * The links, with those that are Discord attachment links expiring within the hour refreshed. Should Discord not
 * refresh them, they stay as they were: fal (or the bot's download) then reports the image it cannot fetch, as for
 * any dead link.
 */
async function freshUrls(urls: readonly string[], refresh: RefreshLinks, log: Logger, now: number): Promise<readonly string[]> {
  const stale = urls.filter((url) => {
    const expiresAt = linkExpiresAt(url);
    return expiresAt !== undefined && expiresAt - now < marginMs;
  });
  if (stale.length === 0) return urls;
  try {
    const fresh = await refresh(stale);
    log.info({ links: stale.length, refreshed: fresh.size }, "refreshed expiring Discord attachment links");
    return urls.map((url) => fresh.get(url) ?? url);
  } catch (error) {
    log.warn({ err: error }, "could not refresh expiring Discord attachment links; sending them as they are");
    return urls;
  }
}

/** The same input with its Discord attachment links that expire within the hour refreshed. */
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
  const fresh = await freshUrls(urls, refresh, log, now);
  return fresh === urls ? input : withImageUrls(input, field, [...fresh]);
}

/** One link refreshed the same way: the source of a Zoom out or Pan canvas, downloaded by the bot itself. */
export async function freshLink(url: string, refresh: RefreshLinks, log: Logger, now = Date.now()): Promise<string> {
  const [fresh] = await freshUrls([url], refresh, log, now);
  return fresh ?? url;
}
