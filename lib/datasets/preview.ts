import { describeColumns } from "./columns";
import type { ParsedTarget } from "./parse";
import type { ColumnInfo, DetectedColumns, Row, TargetFormat } from "./types";

export interface TargetPreview {
  format: TargetFormat;
  totalRows: number;
  columns: ColumnInfo[];
  rows: Row[];
  detected: DetectedColumns;
}

/** The first `n` rows and every column's type, for the upload form to show before the user confirms columns. */
export function previewTarget(parsed: ParsedTarget, n = 10): TargetPreview {
  return {
    format: parsed.format,
    totalRows: parsed.rows.length,
    columns: describeColumns(parsed.rows, parsed.columns),
    rows: parsed.rows.slice(0, Math.max(0, n)),
    detected: parsed.detected,
  };
}
