export { DatasetError, type DatasetErrorCode } from "./errors";
export { parseTargetFile, DEFAULT_MAX_TARGET_BYTES, MAX_TARGET_COLUMNS, MAX_TARGET_ROWS, type ParseOptions, type ParsedTarget } from "./parse";
export {
  prepareTarget,
  TEXT_SEPARATOR,
  DEFAULT_NUM_EXAMPLES,
  MAX_SAMPLE_ROWS,
  DEFAULT_SEED,
  type PrepareOptions,
  type PreparedTarget,
  type TargetStats,
} from "./prepare";
export { previewTarget, type TargetPreview } from "./preview";
export { describeColumns, detectColumns } from "./columns";
export { numpyPermutation, Pcg64 } from "./numpy-random";
export type { Cell, Row, ColumnInfo, ColumnType, DetectedColumns, TargetFormat, TaskType } from "./types";
