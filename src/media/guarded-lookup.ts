// A DNS lookup for download connections that refuses names resolving into the private network (DNS rebinding: an
// allowed name pointed at 127.0.0.1 or a cloud metadata address), except the hosts of configured origins.
import { lookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { isPrivateAddress } from "./url-policy.js";

export function guardedLookup(mayBePrivate: (hostname: string) => boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = mayBePrivate(hostname) ? undefined : addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused) {
        const denied: NodeJS.ErrnoException = new Error(`${hostname} resolves to the private address ${refused.address}; not downloaded`);
        denied.code = "EACCES";
        return callback(denied, "", 0);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return first ? callback(null, first.address, first.family) : callback(new Error(`${hostname} has no address`), "", 0);
    });
  };
}
