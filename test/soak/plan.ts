// What the soak sends, decided up front from a seed: each job's member, command, model and options, and which jobs
// get which fault. The same seed gives the same jobs and the same faults on every run.
import { soakFaults, type SoakFault } from "./faults.js";

export interface PlannedJob {
  index: number;
  member: number;
  command: "imagine" | "edit";
  prompt: string;
  /** Option name → value, besides prompt and the image. */
  options: Record<string, string | number>;
  fault?: SoakFault;
}

export interface PlanOptions {
  jobs: number;
  members: number;
  faultRate: number;
  seed: number;
  /** Unique per run, so prompts (the key that ties a job across the fakes) never repeat. */
  tag: string;
}

/** mulberry32: a small, well-spread 32-bit generator; enough to pick jobs and options reproducibly. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [value, weight] of weighted) {
    at -= weight;
    if (at < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const imagineOptions: readonly (readonly [Record<string, string | number>, number])[] = [
  [{}, 55],
  [{ count: 2 }, 10],
  [{ model: "gemini-25-flash-image" }, 10],
  [{ model: "nano-banana-pro" }, 8],
  [{ model: "nano-banana-2", resolution: "2K" }, 4],
  [{ model: "nano-banana-2" }, 5],
  [{ model: "nano-banana-pro", count: 2 }, 3],
  [{ model: "nano-banana-2", count: 2, resolution: "0.5K" }, 5],
];

const editOptions: readonly (readonly [Record<string, string | number>, number])[] = [
  [{}, 60],
  [{ model: "firered-edit" }, 25],
  [{ model: "nano-banana-2-edit" }, 15],
];

export function planJobs(options: PlanOptions): PlannedJob[] {
  const random = seeded(options.seed);
  const jobs: PlannedJob[] = Array.from({ length: options.jobs }, (_, index) => {
    const command = random() < 0.2 ? "edit" : "imagine";
    return {
      index,
      member: Math.floor(random() * options.members),
      command,
      prompt: `soak ${options.tag} job ${index}: a lighthouse on a cliff at dusk, oil painting`,
      options: { ...pick(random, command === "edit" ? editOptions : imagineOptions) },
    };
  });
  // Exactly round(jobs × rate) faulted jobs, chosen by a seeded shuffle; the faults go round the list in order.
  const order = jobs.map((job) => job.index);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const faulted = order.slice(0, Math.round(options.jobs * options.faultRate)).sort((a, b) => a - b);
  faulted.forEach((index, k) => {
    const job = jobs[index]!;
    const fault = soakFaults[k % soakFaults.length]!;
    job.fault = fault;
    // The job becomes what its fault needs (a plain job, so the fault is the only thing that can go wrong).
    if (fault.needs === "firered-edit") Object.assign(job, { command: "edit", options: { model: "firered-edit" } });
    else Object.assign(job, { command: "imagine", options: {} });
  });
  return jobs;
}
