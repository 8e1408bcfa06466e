import { describe, expect, it, vi } from "vitest";
import { LoopLoad } from "../../src/loop-load.js";

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // keep the event loop busy
  }
}

describe("LoopLoad", () => {
  it("reports saturation after a window the loop spent busy, and clears after an idle one", async () => {
    const load = new LoopLoad(200, 0.85);
    try {
      expect(load.saturated).toBe(false);
      busyFor(250);
      await vi.waitFor(() => expect(load.saturated).toBe(true), { timeout: 1000, interval: 5 });
      await vi.waitFor(() => expect(load.saturated).toBe(false), { timeout: 2000, interval: 50 });
    } finally {
      load.stop();
    }
  });
});
