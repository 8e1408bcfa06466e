// The model catalog: what falcord can run on fal, how a request becomes each endpoint's input, and what it costs.
export { catalog, compileInputSchemas, createCatalog, type Catalog } from "./catalog.js";
export { editModelOf, type CatalogLookup, type ModelFamily } from "./lookup.js";
export { MAX_SEED } from "./fields.js";
export { upscaleFactorBounds } from "./seedvr-upscale.js";
export { imageSideBounds, imageSizePresets, type ImageSizePreset } from "./image-size.js";
export { labelForFalField, requestOptions, type RequestOption } from "./option-rules.js";
export type * from "./types.js";
export { describeModel } from "./describe.js";
export { modelSummary } from "./summary.js";
export { formatSpend, formatUsd, premiumModelIds, withThousands } from "./pricing.js";
