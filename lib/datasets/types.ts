/** One cell of a target file after parsing: CSV/TSV numbers are typed per column, everything else kept as text. */
export type Cell = string | number | boolean | null;

export type Row = Record<string, Cell>;

export type TargetFormat = "csv" | "tsv" | "jsonl" | "parquet";

export type TaskType = "classification" | "regression";

export type ColumnType = "string" | "integer" | "float" | "boolean" | "mixed" | "empty";

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  /** Cells that are not null/empty. */
  nonNull: number;
  /** Distinct non-null values (capped count is exact up to the row count). */
  distinct: number;
  /** Mean string length for string columns, else 0. */
  meanLength: number;
}

export interface DetectedColumns {
  textColumns: string[];
  labelColumn: string | null;
  taskType: TaskType | null;
}
