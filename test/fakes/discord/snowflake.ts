export const DISCORD_EPOCH = 1420070400000n;
let lastMs = 0n;
let increment = 0n;

/** A Discord snowflake (timestamp-based, unique within this process). */
export function snowflake(): string {
  let ms = BigInt(Date.now());
  if (ms <= lastMs) {
    increment += 1n;
    if (increment > 0xfffn) {
      lastMs += 1n;
      increment = 0n;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    increment = 0n;
  }
  return (((ms - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}
