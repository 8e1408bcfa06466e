// Where the bot may download from: Discord's CDN and media proxy, fal's media and storage hosts, and the origins it
// is configured with (an API proxy, the tests' fakes). Anything else — another host, a link into the private
// network, a non-default port — is refused before a connection is made.
import { BlockList, isIP } from "node:net";

interface ListedHost {
  host: string;
  subdomains?: true;
  pathPrefix?: string;
}

/** Where fal keeps files: what its storage uploads (the bot's rehost) answer with, and its results' images. */
const falHosts: readonly ListedHost[] = [
  // fal's CDN: fal.media and its shards (v3.fal.media, v3b.fal.media, …).
  { host: "fal.media", subdomains: true },
  // fal's own files on Google Cloud Storage, a host shared by every GCS customer: only fal's bucket.
  { host: "storage.googleapis.com", pathPrefix: "/falserverless/" },
];

/** Public hosts the bot downloads from, over https on the default port. */
const publicHosts: readonly ListedHost[] = [
  { host: "cdn.discordapp.com" },
  // The media proxy, and the proxy of images embedded from elsewhere (images-ext-1.discordapp.net, …).
  { host: "discordapp.net", subdomains: true },
  ...falHosts,
];

const isListed = (url: URL, hosts: readonly ListedHost[]) =>
  hosts.some(
    ({ host, subdomains, pathPrefix }) =>
      (url.hostname === host || (subdomains && url.hostname.endsWith(`.${host}`))) && (!pathPrefix || url.pathname.startsWith(pathPrefix)),
  );

const parsed = (text: string): URL | undefined => {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/**
 * Whether a link is a file on fal storage: https on the default port, no credentials, one of fal's hosts; or, when
 * the bot reaches fal through a proxy (`falProxyUrl`), that proxy's origin, where its storage answers.
 */
export function falStorageCheck(falProxyUrl?: string): (url: string) => boolean {
  const proxyOrigin = falProxyUrl ? new URL(falProxyUrl).origin : undefined;
  return (text) => {
    const url = parsed(text);
    if (!url) return false;
    if (proxyOrigin && url.origin === proxyOrigin) return true;
    return url.protocol === "https:" && !url.username && !url.password && !url.port && isListed(url, falHosts);
  };
}

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const) {
  privateRanges.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const) {
  privateRanges.addSubnet(network, prefix, "ipv6");
}

/** True for loopback, private, link-local, carrier-grade NAT and unspecified addresses (IPv4-mapped ones included). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return privateRanges.check(address, family === 4 ? "ipv4" : "ipv6");
}

export interface UrlPolicy {
  /** Why the bot must not download `url`, or undefined when it may. */
  refusal(url: string): string | undefined;
  /** Whether `hostname` belongs to a configured origin, whose address may be private. */
  isConfiguredHost(hostname: string): boolean;
}

export function createUrlPolicy(configuredOrigins: readonly string[]): UrlPolicy {
  const origins = new Set(configuredOrigins.map((origin) => new URL(origin).origin));
  const hosts = new Set([...origins].map((origin) => new URL(origin).hostname));
  return {
    refusal(text) {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return "not a URL";
      }
      if (origins.has(url.origin)) return undefined;
      if (url.protocol !== "https:") return `${url.protocol} links are not downloaded`;
      if (url.username || url.password) return "links with credentials are not downloaded";
      if (url.port) return `${url.host} is not a host the bot downloads from`;
      return isListed(url, publicHosts) ? undefined : `${url.host} is not a host the bot downloads from`;
    },
    isConfiguredHost: (hostname) => hosts.has(hostname),
  };
}
