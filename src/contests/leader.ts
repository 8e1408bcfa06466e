// The contests' phases run in one process: the leader among those sharing the database (store/leadership.ts). It
// rebuilds the schedule when it becomes the leader and clears it when it stops being one. A contest created in
// another process sets no timer there; the leader finds it by reading the contests under way again every
// `refreshMs` (rebuild() only adds the missing timers), which is simpler than a message between the processes and
// also catches a contest whose re-planning failed. A phase change is guarded in the database besides, so two
// processes that both think they lead for a moment still change each phase once.
import type { Logger } from "../log.js";
import type { Leadership } from "../store/leadership.js";
import type { ContestSchedule } from "./schedule.js";

export interface ContestLead {
  /** The contests under way this process scheduled at once: 0 when it does not lead (yet). */
  scheduled: number;
  /** Clears the schedule and stops following the leadership. */
  stop(): void;
}

export async function scheduleWhileLeader(
  schedule: ContestSchedule,
  leadership: Leadership,
  { refreshMs, log }: { refreshMs: number; log: Logger },
): Promise<ContestLead> {
  let refresh: NodeJS.Timeout | undefined;
  const rebuild = () =>
    schedule.rebuild().catch((error: unknown) => {
      log.error({ err: error }, "could not schedule the contests' phases");
      return 0;
    });
  const lead = () => {
    refresh ??= setInterval(() => void rebuild(), refreshMs);
    return rebuild();
  };
  const follow = () => {
    clearInterval(refresh);
    refresh = undefined;
    schedule.stop();
  };
  const stopListening = leadership.onChange((leader) => {
    log.info({ leader }, leader ? "this process runs the contests' phases now" : "this process no longer runs the contests' phases");
    if (leader) void lead();
    else follow();
  });
  const scheduled = leadership.isLeader ? await lead() : 0;
  return {
    scheduled,
    stop() {
      stopListening();
      follow();
    },
  };
}
