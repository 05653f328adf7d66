import { describeColumns, detectColumns, isMissing, taskTypeFor } from "./columns";
import { MAX_CLASS_ID } from "../logme/targets";
import { DatasetError } from "./errors";
import { numpyPermutation } from "./numpy-random";
import type { Cell, Row, TaskType } from "./types";

/** The reference joins several text columns into one string with this literal separator (`dataset.py`). */
export const TEXT_SEPARATOR = " [SEP] ";
export const DEFAULT_NUM_EXAMPLES = 1000;
/** Texts one ranking embeds at most: the bound on a job's embedding work, whatever the target's config says. */
export const MAX_SAMPLE_ROWS = 100_000;
export const DEFAULT_SEED = 42;

export interface PrepareOptions {
  textColumns?: string[];
  labelColumn?: string;
  taskType?: TaskType;
  /** Rows kept after shuffling; null keeps all. Default 1,000 as in the paper. */
  numExamples?: number | null;
  seed?: number;
}

export type TargetStats =
  | { taskType: "classification"; numClasses: number; classCounts: number[] }
  | { taskType: "regression"; mean: number; std: number; min: number; max: number };

export interface PreparedTarget {
  texts: string[];
  labels: Int32Array | Float64Array;
  taskType: TaskType;
  /** Class index → original string label, when labels were strings (sorted unique values, like HF ClassLabel). */
  labelNames?: string[];
  stats: TargetStats;
  columns: { textColumns: string[]; labelColumn: string };
  /** Rows in the file, rows left after dropping `-1` labels, rows selected. */
  counts: { total: number; usable: number; selected: number };
}

/** Python's `sorted()` on str compares code points; JS `<` compares UTF-16 units, which differs past U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function textOf(v: Cell): string {
  return v === null ? "" : String(v);
}

function classificationLabels(values: Cell[]): { labels: number[]; labelNames?: string[] } {
  if (values.every((v) => typeof v === "number")) {
    const nums = values as number[];
    const bad = nums.find((v) => !Number.isInteger(v) || v < -1);
    if (bad !== undefined) {
      throw new DatasetError("bad_label", `classification labels must be integers ≥ 0 (or -1 to drop a row); found ${bad}`);
    }
    const sparse = nums.find((v) => v > MAX_CLASS_ID);
    if (sparse !== undefined) {
      // LogME's one-hot target has max(id)+1 columns: a label {0, 10⁹} would allocate (and show) 10⁹ classes.
      throw new DatasetError("bad_label", `class id ${sparse} is too large: ids must be 0…${MAX_CLASS_ID} (at most ${MAX_CLASS_ID + 1} classes); remap sparse ids to 0, 1, 2, …`);
    }
    return { labels: nums };
  }
  if (values.every((v) => typeof v === "boolean")) return { labels: values.map((v) => (v ? 1 : 0)) };
  const strings = values.map((v) => String(v));
  const labelNames = [...new Set(strings)].sort(compareCodePoints);
  if (labelNames.length > MAX_CLASS_ID + 1) {
    throw new DatasetError("bad_label", `${labelNames.length} distinct labels: at most ${MAX_CLASS_ID + 1} classes are supported (is this a text or regression column?)`);
  }
  const index = new Map(labelNames.map((n, i) => [n, i]));
  return { labels: strings.map((s) => index.get(s)!), labelNames };
}

function regressionLabels(values: Cell[], column: string): number[] {
  return values.map((v, i) => {
    const x = typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Number(String(v).trim());
    if (!Number.isFinite(x)) throw new DatasetError("bad_label", `row ${i + 1}: "${String(v)}" in "${column}" is not a number`);
    return x;
  });
}

function statsOf(taskType: TaskType, labels: Int32Array | Float64Array, numClassesAtLeast: number): TargetStats {
  if (taskType === "classification") {
    let max = numClassesAtLeast - 1;
    for (const y of labels) if (y > max) max = y;
    const classCounts = new Array<number>(max + 1).fill(0);
    for (const y of labels) classCounts[y]++;
    return { taskType, numClasses: max + 1, classCounts };
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const y of labels) {
    sum += y;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  const mean = sum / labels.length;
  let ss = 0;
  for (const y of labels) ss += (y - mean) ** 2;
  return { taskType, mean, std: Math.sqrt(ss / labels.length), min, max };
}

/**
 * Turns parsed rows into the reference's target: texts (several columns joined with " [SEP] "), labels, and
 * a sample of `numExamples` rows chosen by numpy's `default_rng(seed).permutation` exactly as HF
 * `shuffle(seed).select(range(min(n, numExamples)))` does. Classification drops rows labelled -1 first.
 */
export function prepareTarget(rows: Row[], opts: PrepareOptions = {}): PreparedTarget {
  const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
  const picked = new Set([...(opts.textColumns ?? []), ...(opts.labelColumn ? [opts.labelColumn] : [])]);
  const detected = opts.textColumns?.length && opts.labelColumn ? null : detectColumns(rows, columns.filter((c) => !picked.has(c)));
  const textColumns = opts.textColumns?.length ? opts.textColumns : (detected?.textColumns ?? []);
  const labelColumn = opts.labelColumn ?? detected?.labelColumn ?? null;
  if (textColumns.length === 0) throw new DatasetError("no_text_column", "no text column found; name one explicitly");
  if (!labelColumn) throw new DatasetError("no_label_column", "no label column found; name one explicitly");
  for (const c of [...textColumns, labelColumn]) {
    if (!columns.includes(c)) {
      throw new DatasetError("missing_column", `column "${c}" is not in the file (columns: ${columns.join(", ")})`);
    }
  }
  if (textColumns.includes(labelColumn)) throw new DatasetError("bad_option", `"${labelColumn}" cannot be both a text and the label column`);
  const numExamples = opts.numExamples === undefined ? DEFAULT_NUM_EXAMPLES : opts.numExamples;
  if (numExamples !== null && (!Number.isSafeInteger(numExamples) || numExamples < 1)) {
    throw new DatasetError("bad_option", "numExamples must be a positive integer");
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new DatasetError("bad_option", "seed must be a non-negative integer");

  const missing: number[] = [];
  rows.forEach((r, i) => isMissing(r[labelColumn]) && missing.push(i + 1));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ", …" : "");
    throw new DatasetError("missing_label", `${missing.length} row(s) have no value in "${labelColumn}" (rows ${shown})`);
  }
  const rawLabels = rows.map((r) => r[labelColumn]);
  const taskType = opts.taskType ?? taskTypeFor(describeColumns(rows, [labelColumn])[0]);
  if (!taskType) throw new DatasetError("bad_label", `cannot tell the task type from "${labelColumn}"; choose classification or regression`);

  // The reference's order (hfselect Dataset.from_hugging_face): drop integer labels −1, shuffle(seed).select(n),
  // and only then map string labels to ids by their sorted unique values in the sample (class_encode_column).
  let labelValues: number[] | undefined;
  let keep: number[];
  const stringLabels = taskType === "classification" && !rawLabels.every((v) => typeof v === "number" || typeof v === "boolean");
  if (taskType === "classification" && !stringLabels) {
    labelValues = classificationLabels(rawLabels).labels;
    keep = labelValues.flatMap((y, i) => (y === -1 ? [] : [i]));
  } else {
    if (taskType === "regression") labelValues = regressionLabels(rawLabels, labelColumn);
    keep = rows.map((_, i) => i);
  }

  // All rows (numExamples null) are taken in file order: the reference shuffles only when it samples.
  const take = numExamples === null ? keep.length : Math.min(keep.length, numExamples);
  if (take > MAX_SAMPLE_ROWS) {
    throw new DatasetError("too_many_rows", `a ranking embeds at most ${MAX_SAMPLE_ROWS.toLocaleString("en-US")} texts; this sample has ${take.toLocaleString("en-US")} (set num_examples to ${MAX_SAMPLE_ROWS.toLocaleString("en-US")} or fewer)`);
  }
  const chosen = numExamples === null ? keep : Array.from(numpyPermutation(keep.length, seed).subarray(0, take), (p) => keep[p]);

  const texts = chosen.map((i) => textColumns.map((c) => textOf(rows[i][c])).join(TEXT_SEPARATOR));
  let labelNames: string[] | undefined;
  if (stringLabels) {
    const mapped = classificationLabels(chosen.map((i) => rawLabels[i]));
    labelValues = mapped.labels;
    labelNames = mapped.labelNames;
  }
  const values = labelValues!;
  const at = (k: number) => (stringLabels ? values[k] : values[chosen[k]]);
  const labels = taskType === "classification" ? Int32Array.from(chosen, (_, k) => at(k)) : Float64Array.from(chosen, (_, k) => at(k));

  if (taskType === "classification" && new Set(labels).size < 2) {
    throw new DatasetError("one_class", `the selected rows have only one class in "${labelColumn}"; LogME needs at least two`);
  }
  const stats = statsOf(taskType, labels, labelNames?.length ?? 0);
  if (stats.taskType === "regression" && stats.min === stats.max) {
    throw new DatasetError("constant_target", `every selected value of "${labelColumn}" is ${stats.min}; nothing to regress`);
  }
  return {
    texts,
    labels,
    taskType,
    ...(labelNames ? { labelNames } : {}),
    stats,
    columns: { textColumns, labelColumn },
    counts: { total: rows.length, usable: keep.length, selected: take },
  };
}
