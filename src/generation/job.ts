// A generation job as falcord keeps it: the store adapter holds its request and result as JSON, this names them.
import type { Db } from "../store/database.js";
import {
  createJobRepository,
  type JobRecord as StoredJob,
  type JobRepository as StoredJobs,
  type JobOwner,
  type NewJob as StoredNewJob,
} from "../store/jobs.js";
import type { GenerationRequest, NormalizedOutput } from "../models/index.js";

export type NewJob = StoredNewJob<GenerationRequest>;
export type JobRecord = StoredJob<GenerationRequest, NormalizedOutput>;
export type JobRepository = StoredJobs<GenerationRequest, NormalizedOutput>;

export function createGenerationJobs(db: Db, now?: () => number, owner?: JobOwner): JobRepository {
  return createJobRepository<GenerationRequest, NormalizedOutput>(db, now, owner);
}
