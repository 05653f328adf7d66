import { describeColumns } from "../datasets";
import type { TaskType } from "../datasets";

export type SourceValue = string | number;
export type SourceRow = Record<string, SourceValue>;

/** Rows of one real source table, with its column names in order. */
export interface SourceTable {
  columns: string[];
  rows: SourceRow[];
}

export type LabelStats =
  | { taskType: "classification"; numClasses: number; labelNames: string[]; classCounts: number[] }
  | { taskType: "regression"; mean: number; std: number; min: number; max: number };

/** Column names and types as the dataset page lists them. */
export function columnTypes(table: SourceTable): { name: string; type: string }[] {
  return describeColumns(table.rows, table.columns).map((c) => ({ name: c.name, type: c.type }));
}

/**
 * Class counts (labels in sorted order, numbers numerically, like HF ClassLabel names) or the moments of a
 * regression label: the same shape lib/datasets reports for targets, plus the label names.
 */
export function labelStats(rows: SourceRow[], labelColumn: string, taskType: TaskType): LabelStats {
  if (rows.length === 0) throw new Error(`no rows to describe "${labelColumn}"`);
  const values = rows.map((r) => r[labelColumn]);
  if (taskType === "classification") {
    const counts = new Map<SourceValue, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const keys = [...counts.keys()].sort((a, b) =>
      typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
    return { taskType, numClasses: keys.length, labelNames: keys.map(String), classCounts: keys.map((k) => counts.get(k)!) };
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`regression label "${labelColumn}" has a non-number: ${String(v)}`);
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values as number[]) ss += (v - mean) ** 2;
  return { taskType, mean, std: Math.sqrt(ss / values.length), min, max };
}
