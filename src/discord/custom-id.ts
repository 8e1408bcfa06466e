// Custom ids of the bot's components and modals: "<name>:<version>:<arg>:…". Handlers are found by the
// "<name>:<version>" prefix, so an id from an older layout of a form or button reaches no handler instead of being misread.
export const CUSTOM_ID_MAX_LENGTH = 100;
export const customIdPrefixPattern = /^[a-z][a-z0-9-]*:\d+$/;

export function makeCustomId(prefix: string, ...args: string[]): string {
  if (!customIdPrefixPattern.test(prefix)) throw new Error(`custom id prefix "${prefix}" is not "<name>:<version>"`);
  if (args.some((arg) => arg.includes(":"))) throw new Error(`custom id arguments may not contain ":" (${args.join(", ")})`);
  const id = [prefix, ...args].join(":");
  if (id.length > CUSTOM_ID_MAX_LENGTH) throw new Error(`custom id "${id}" is longer than ${CUSTOM_ID_MAX_LENGTH} characters`);
  return id;
}

export function splitCustomId(customId: string): { prefix: string; args: string[] } {
  const [name = "", version = "", ...args] = customId.split(":");
  return { prefix: `${name}:${version}`, args };
}
