// Light exports only (database and options): pages and route handlers import this. The runner and the
// worker (onnxruntime, worker threads) are imported from ./worker, ./run or ./thread where needed.
export { JobStore, STALE_AFTER_MS, MAX_ATTEMPTS, newWorkerId, type ResultRow, type SubmitInput } from "./store";
export { parseJobOptions, jobOptionsSchema, FINISHED, SOURCE_MEAN_EMBEDDING, type JobOptions, type JobStatus, type JobPhase, type JobTimings, type JobBaselines } from "./options";
export { locateBaseModel, type BaseModelLocation } from "./base-models";
export { jobView, filterResults, resultFilterFrom, exportRows, exportCsv, type JobView, type ResultView, type ResultFilter } from "./view";
export { baseModelChoices, defaultBaseModel, type BaseModelChoice } from "./choices";
