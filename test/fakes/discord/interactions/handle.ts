import { DEFAULT_TIMEOUT_MS } from "../constants.js";
import type { MessageStore } from "../messages.js";
import type { Recorder } from "../recorder.js";
import type { FakeMessage, InteractionHandle } from "../types.js";
import { waitFor } from "../util.js";
import type { InteractionState } from "./state.js";

/** The test's view of one interaction: its callback, its @original message and its follow-ups. */
export function interactionHandle(state: InteractionState, messages: MessageStore, recorder: Recorder): InteractionHandle {
  const original = () => (state.originalId ? messages.find(state.originalId) : undefined);
  return {
    id: state.id,
    token: state.token,
    dispatchedAt: state.dispatchedAt,
    payload: state.payload,
    response: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
      waitFor((l) => recorder.subscribe("interaction-response", l), () => state.response, timeoutMs, `the response to interaction ${state.id}`),
    original,
    waitForOriginal: (pred, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      waitFor(
        (l) => recorder.subscribe("message", l),
        () => {
          const m = original();
          return m && pred(m) ? m : undefined;
        },
        timeoutMs,
        `the original response of interaction ${state.id} to match`,
      ),
    followUps: () => state.followUpIds.map((id) => messages.find(id)).filter((m): m is FakeMessage => m !== undefined),
  };
}
