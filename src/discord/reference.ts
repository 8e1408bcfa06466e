// Short reference ids that tie what a user is told to the log line that explains it.
import { randomInt } from "node:crypto";

// No 0/O or 1/I/L, so a user can read a ref out loud or type it without mistakes.
const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newReference(): string {
  let ref = "";
  for (let i = 0; i < 6; i++) ref += alphabet[randomInt(alphabet.length)];
  return ref;
}
