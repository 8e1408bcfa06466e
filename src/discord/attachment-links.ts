// Discord's attachment links are signed and expire (the `ex` parameter, hex seconds, about a day after issue); a
// job that reuses its input images days later (Re-roll, Retry) must hand fal links that still work. Discord
// refreshes them on request: POST /attachments/refresh-urls, at most 50 links a call.
import type { REST } from "discord.js";
import { z } from "zod";

const batchSize = 50;

const refreshedSchema = z.object({
  refreshed_urls: z.array(z.object({ original: z.string(), refreshed: z.string() })),
});

/** When a signed Discord attachment link expires (epoch ms); undefined for any other URL. */
export function linkExpiresAt(url: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const ex = parsed.searchParams.get("ex");
  const signed = ex !== null && parsed.searchParams.has("is") && parsed.searchParams.has("hm");
  if (!signed || !/^\/(ephemeral-)?attachments\//.test(parsed.pathname) || !/^[0-9a-f]+$/i.test(ex)) return undefined;
  return Number.parseInt(ex, 16) * 1000;
}

/** Fresh links for signed attachment links, by original link; a link Discord did not refresh is left out. */
export async function refreshAttachmentLinks(rest: REST, urls: readonly string[]): Promise<Map<string, string>> {
  const fresh = new Map<string, string>();
  for (let from = 0; from < urls.length; from += batchSize) {
    const answer = await rest.post("/attachments/refresh-urls", { body: { attachment_urls: urls.slice(from, from + batchSize) } });
    for (const { original, refreshed } of refreshedSchema.parse(answer).refreshed_urls) fresh.set(original, refreshed);
  }
  return fresh;
}
