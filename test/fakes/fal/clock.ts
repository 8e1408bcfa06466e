/**
 * Epoch milliseconds on the monotonic clock. The bench compares the fake fal's times with the fake Discord's
 * (performance.now() plus performance.timeOrigin); Date.now() follows the wall clock, which the system may step
 * in the middle of a run (seen: 4.5 s), and would skew every figure that spans both.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
