import type { Cell, ColumnInfo, ColumnType, DetectedColumns, Row, TaskType } from "./types";

const TEXT_NAMES = ["text", "sentence", "content", "review", "document", "body", "comment", "tweet", "question", "title", "message", "utterance"];
const LABEL_NAMES = ["label", "labels", "target", "class", "category", "y", "score", "rating", "sentiment", "gold_label", "stars"];
/** Column pairs that the reference joins with " [SEP] " (GLUE/SuperGLUE style). */
const TEXT_PAIRS: [string, string][] = [
  ["sentence1", "sentence2"],
  ["premise", "hypothesis"],
  ["question1", "question2"],
  ["question", "passage"],
  ["question", "sentence"],
  ["text_a", "text_b"],
];

export function isMissing(v: Cell | undefined): v is null | undefined {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function cellType(v: Cell): ColumnType {
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  return "string";
}

/** Type and shape of every column; integer+float mixes count as float. */
export function describeColumns(rows: Row[], columns: string[]): ColumnInfo[] {
  return columns.map((name) => {
    const types = new Set<ColumnType>();
    const distinct = new Set<Cell>();
    let nonNull = 0;
    let length = 0;
    for (const row of rows) {
      const v = row[name];
      if (isMissing(v)) continue;
      nonNull++;
      distinct.add(v);
      const t = cellType(v);
      types.add(t);
      if (t === "string") length += (v as string).length;
    }
    let type: ColumnType;
    if (types.size === 0) type = "empty";
    else if (types.size === 1) type = [...types][0];
    else if (types.size === 2 && types.has("integer") && types.has("float")) type = "float";
    else type = "mixed";
    return { name, type, nonNull, distinct: distinct.size, meanLength: type === "string" ? length / nonNull : 0 };
  });
}

/** Integer or string labels → classification, floats → regression (the reference's `is_regression` default). */
export function taskTypeFor(info: ColumnInfo | undefined): TaskType | null {
  if (!info) return null;
  if (info.type === "float") return "regression";
  if (info.type === "integer" || info.type === "string" || info.type === "boolean") return "classification";
  return null;
}

function byName(infos: ColumnInfo[], names: string[]): ColumnInfo | undefined {
  for (const n of names) {
    const hit = infos.find((c) => c.name.toLowerCase() === n);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Guesses text and label columns: well-known names first, then the longest string column for text and a
 * numeric or low-cardinality column for the label. Callers override either with explicit names.
 */
export function detectColumns(rows: Row[], columns: string[]): DetectedColumns {
  const infos = describeColumns(rows, columns);
  const lower = new Map(infos.map((c) => [c.name.toLowerCase(), c]));

  let label = byName(infos, LABEL_NAMES);
  let texts: ColumnInfo[] = [];
  for (const [a, b] of TEXT_PAIRS) {
    const ca = lower.get(a);
    const cb = lower.get(b);
    if (ca?.type === "string" && cb?.type === "string" && ca !== label && cb !== label) {
      texts = [ca, cb];
      break;
    }
  }
  if (texts.length === 0) {
    const named = byName(infos.filter((c) => c.type === "string" && c !== label), TEXT_NAMES);
    const longest = infos
      .filter((c) => c.type === "string" && c !== label)
      .sort((x, y) => y.meanLength - x.meanLength)[0];
    const pick = named ?? longest;
    if (pick) texts = [pick];
  }
  if (!label) {
    const candidates = infos.filter((c) => !texts.includes(c) && c.nonNull > 0);
    label =
      candidates.find((c) => c.type === "integer" || c.type === "float" || c.type === "boolean") ??
      candidates.find((c) => c.type === "string" && c.distinct <= Math.max(2, Math.min(100, c.nonNull / 2)));
  }
  return { textColumns: texts.map((c) => c.name), labelColumn: label?.name ?? null, taskType: taskTypeFor(label) };
}
