// Prometheus metrics (prom-client), in a registry of the bot's own: jobs by state, the fair queue, time at fal,
// delivery overhead and spend, with Node's default metrics. The job figures come from the runner as they happen (see
// JobMetrics in generation/runner.ts, which this implements); the unfinished jobs and the queue are read at each scrape.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export interface MetricSources {
  /** Jobs not yet delivered, failed or cancelled, by state (from the database). */
  unfinishedByState(): Promise<Record<string, number>>;
  /** Jobs waiting for a turn at fal in the fair queue, and jobs holding one (of every process, when they share it). */
  queue(): Promise<{ waiting: number; running: number }>;
}

/** Seconds, from a quick job's fraction of a second to the 10 minutes of JOB_TIMEOUT_MS. */
const secondsBuckets = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

export function createMetrics(sources: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "falcord_" });
  const states = ["accepted", "submitting", "submitted", "running", "completed"];
  new Gauge({
    name: "falcord_jobs_unfinished",
    help: "Jobs not yet delivered, failed or cancelled, by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const counts = await sources.unfinishedByState();
      for (const state of new Set([...states, ...Object.keys(counts)])) this.set({ state }, counts[state] ?? 0);
    },
  });
  const ended = new Counter({ name: "falcord_jobs_ended_total", help: "Jobs that ended, by their end state", labelNames: ["state"], registers: [registry] });
  new Gauge({
    name: "falcord_queue_waiting",
    help: "Jobs waiting in the fair queue for a turn at fal",
    registers: [registry],
    async collect() {
      this.set((await sources.queue()).waiting);
    },
  });
  new Gauge({
    name: "falcord_queue_running",
    help: "Jobs holding a turn at fal",
    registers: [registry],
    async collect() {
      this.set((await sources.queue()).running);
    },
  });
  const falSeconds = new Histogram({
    name: "falcord_fal_seconds",
    help: "Time of a request at fal, from its submit to its result, by model",
    labelNames: ["model"],
    buckets: secondsBuckets,
    registers: [registry],
  });
  const deliverySeconds = new Histogram({
    name: "falcord_delivery_seconds",
    help: "Time from fal's result to the images in Discord (download, fitting, upload)",
    buckets: secondsBuckets,
    registers: [registry],
  });
  const spend = new Counter({ name: "falcord_spend_usd_total", help: "USD spent at fal on finished jobs, by model", labelNames: ["model"], registers: [registry] });

  return {
    registry,
    jobs: {
      atFal: (model: string, seconds: number) => falSeconds.observe({ model }, seconds),
      charged: (model: string, usd: number) => spend.inc({ model }, usd),
      delivered: (seconds: number) => deliverySeconds.observe(seconds),
      ended: (state: "delivered" | "failed" | "cancelled") => ended.inc({ state }),
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
