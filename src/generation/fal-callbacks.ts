// The jobs waiting for fal's webhook callbacks, by request id. A verified callback wakes its job, which then fetches
// the result as a streamed job does. A callback that comes before its job waits (fal was quick, or the bot restarted
// and has not resumed the job yet) is kept, so the job finds it when it starts waiting; one that comes again (fal
// retries, a replay) wakes nothing.
export type CallbackOutcome = "woke" | "early" | "again";

/** Request ids remembered as called: enough for every job in flight many times over. */
const remembered = 10_000;

export class FalCallbacks {
  private readonly waiting = new Map<string, () => void>();
  /** Request ids whose callback came, oldest first (a Map keeps insertion order). */
  private readonly called = new Map<string, true>();

  /** Resolves once the request's callback came (at once when it already had); the signal drops the wait. */
  wait(requestId: string, signal?: AbortSignal): Promise<void> {
    if (this.called.has(requestId)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const drop = () => {
        if (this.waiting.get(requestId) === wake) this.waiting.delete(requestId);
      };
      const wake = () => {
        signal?.removeEventListener("abort", drop);
        resolve();
      };
      this.waiting.set(requestId, wake);
      signal?.addEventListener("abort", drop, { once: true });
    });
  }

  /** Whether this request's callback came already. */
  handled(requestId: string): boolean {
    return this.called.has(requestId);
  }

  /** A verified callback for a request falcord knows: wakes its job, or keeps it for the job. */
  arrived(requestId: string): CallbackOutcome {
    if (this.called.has(requestId)) return "again";
    this.called.set(requestId, true);
    if (this.called.size > remembered) this.called.delete(this.called.keys().next().value!);
    const wake = this.waiting.get(requestId);
    if (!wake) return "early";
    this.waiting.delete(requestId);
    wake();
    return "woke";
  }
}
