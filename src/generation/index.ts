// Generation: a job from a member's order to the delivered image — options, input images, admission, the runner and
// its fair queue, progress, the result message, the job buttons and the failure texts.
export { jobButtonHandlers } from "./buttons.js";
export type { GenerationDeps } from "./deps.js";
export { startDescribe } from "./describe.js";
export { editModal, readEditModal } from "./edit-modal.js";
export { RunTimes } from "./eta.js";
export { fromAttachment, inputImageProblems, type InputImage } from "./input-images.js";
export { createGenerationJobs, type JobRecord, type JobRepository } from "./job.js";
export { imagesOfMessage } from "./message-images.js";
export { addModelOptions, addPrivateOption, addPromptOption, addStyleOption, addWebSearchOption, choices, readOrder, union as optionValues } from "./options.js";
export { passedOverDefaults, type MemberDefaults, type MemberPreferences, type MemberStyle } from "./personal.js";
export { shownPrompt } from "./progress-text.js";
export { createJobReporter } from "./reporter.js";
export { JobRunner, type JobReporter } from "./runner.js";
export { keepLeases, type LeaseKeeper } from "./leases.js";
export { mediaGallery, replyLayout, textDisplay } from "./reply-layout.js";
export { offeredImage, offeredPositions } from "./result-images.js";
export { actionSourceUrl } from "./action-source.js";
export { memberMessageHandler } from "./reply-to-edit.js";
export { createFalTurns } from "./fal-turns.js";
export { FalCallbacks } from "./fal-callbacks.js";
export { falCallbackHandler } from "./callback-handler.js";
export { FairScheduler } from "./scheduler.js";
export { memberFacts, startGeneration } from "./start.js";
