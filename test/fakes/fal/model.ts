// The fake "model": fetch the job's inputs like a fal runner, then produce the endpoint's output.
import { validationDetail } from "./failures.js";
import { type InputDeps, fetchInputs } from "./inputs.js";
import { buildOutput } from "./outputs.js";
import type { RunModel } from "./queue.js";

export function createModelRunner(deps: InputDeps & { outputBytes?: number }): RunModel {
  return async (job, signal) => {
    const inputs = await fetchInputs(job, deps, signal);
    if (!inputs.ok) return inputs.reply;
    // Only a validation failure meant for the result rides along with a job (the others are answered at submit).
    if (job.failure?.kind === "validation") return { status: 422, body: { detail: validationDetail(job.failure, job.input) } };
    return { status: 200, body: await buildOutput(job, inputs.images, deps.storage, deps.outputBytes) };
  };
}
