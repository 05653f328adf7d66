import Papa from "papaparse";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { detectColumns, isMissing } from "./columns";
import { DatasetError } from "./errors";
import type { Cell, DetectedColumns, Row, TargetFormat } from "./types";

export const DEFAULT_MAX_TARGET_BYTES = 32 * 1024 * 1024;
/**
 * Rows and columns a target file may have. Bytes alone do not bound the work: a 177 KB Parquet file can hold
 * 20 million rows. Rankings sample at most 100,000 rows; a million leaves room for the filtering before it.
 */
export const MAX_TARGET_ROWS = 1_000_000;
export const MAX_TARGET_COLUMNS = 1_000;

export interface ParseOptions {
  /** Taken from the filename's extension, else sniffed from the bytes. */
  format?: TargetFormat;
  filename?: string;
  maxBytes?: number;
}

export interface ParsedTarget {
  format: TargetFormat;
  columns: string[];
  rows: Row[];
  detected: DetectedColumns;
}

const EXTENSIONS: Record<string, TargetFormat> = {
  csv: "csv",
  tsv: "tsv",
  tab: "tsv",
  jsonl: "jsonl",
  ndjson: "jsonl",
  json: "jsonl",
  parquet: "parquet",
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function formatOf(bytes: Uint8Array, opts: ParseOptions): TargetFormat {
  if (opts.format) return opts.format;
  const ext = opts.filename?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext && EXTENSIONS[ext]) return EXTENSIONS[ext];
  if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === "PAR1") return "parquet";
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{") || head.startsWith("[")) return "jsonl";
  const firstLine = head.split(/\r?\n/, 1)[0];
  return firstLine.includes("\t") && !firstLine.includes(",") ? "tsv" : "csv";
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError("invalid_encoding", "the file is not valid UTF-8; save it as UTF-8 and upload again");
  }
}

/** Columns whose every non-empty cell is a number literal become numbers; empty cells become null. */
function typeDelimitedColumns(raw: Record<string, string>[], columns: string[]): Row[] {
  const numeric = columns.filter((c) => {
    let any = false;
    for (const r of raw) {
      const v = r[c]?.trim() ?? "";
      if (v === "") continue;
      if (!NUMBER.test(v)) return false;
      any = true;
    }
    return any;
  });
  const numericSet = new Set(numeric);
  return raw.map((r) => {
    const row: Row = {};
    for (const c of columns) {
      const v = r[c];
      if (v === undefined || v.trim() === "") row[c] = v === undefined || numericSet.has(c) ? null : v;
      else row[c] = numericSet.has(c) ? Number(v) : v;
    }
    return row;
  });
}

function tooManyRows(): DatasetError {
  return new DatasetError("too_many_rows", `the file has more than ${MAX_TARGET_ROWS.toLocaleString("en-US")} rows, the limit for a target dataset`);
}

function tooManyColumns(count: number): DatasetError {
  return new DatasetError("too_many_columns", `the file has ${count.toLocaleString("en-US")} columns; the limit is ${MAX_TARGET_COLUMNS.toLocaleString("en-US")}`);
}

function parseDelimited(text: string, delimiter: "," | "\t"): { rows: Row[]; columns: string[] } {
  // The header first: a row object per line with a million keys would be the expensive part.
  const header = Papa.parse<string[]>(text, { delimiter, preview: 1 }).data[0] ?? [];
  if (header.length > MAX_TARGET_COLUMNS) throw tooManyColumns(header.length);
  const result = Papa.parse<Record<string, string>>(text, { header: true, delimiter, skipEmptyLines: "greedy", preview: MAX_TARGET_ROWS + 1 });
  if (result.data.length > MAX_TARGET_ROWS) throw tooManyRows();
  const fatal = result.errors.find((e) => e.code !== "TooFewFields" && e.code !== "UndetectableDelimiter");
  if (fatal) throw new DatasetError("parse_error", `row ${(fatal.row ?? 0) + 2}: ${fatal.message}`);
  const columns = (result.meta.fields ?? []).filter((c) => c !== "");
  if (columns.length === 0) throw new DatasetError("empty_file", "the file has no header row");
  return { rows: typeDelimitedColumns(result.data, columns), columns };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x));
  } catch {
    throw new DatasetError("parse_error", "a value is nested too deeply to store as a cell");
  }
}

function collectObjects(objects: unknown[], where: (i: number) => string): { rows: Row[]; columns: string[] } {
  if (objects.length > MAX_TARGET_ROWS) throw tooManyRows();
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = objects.map((o, i) => {
    if (typeof o !== "object" || o === null || Array.isArray(o)) {
      throw new DatasetError("parse_error", `${where(i)}: expected a JSON object`);
    }
    const row: Row = {};
    for (const [k, v] of Object.entries(o)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
        if (columns.length > MAX_TARGET_COLUMNS) throw tooManyColumns(columns.length);
      }
      row[k] = toCell(v);
    }
    return row;
  });
  for (const row of rows) for (const c of columns) if (!(c in row)) row[c] = null;
  return { rows, columns };
}

function parseJsonLines(text: string): { rows: Row[]; columns: string[] } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[")) {
    let array: unknown;
    try {
      array = JSON.parse(trimmed);
    } catch (err) {
      throw new DatasetError("parse_error", `invalid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(array)) throw new DatasetError("parse_error", "expected a JSON array of objects");
    return collectObjects(array, (i) => `item ${i + 1}`);
  }
  const objects: unknown[] = [];
  const lineNumbers: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    if (objects.length === MAX_TARGET_ROWS) throw tooManyRows();
    try {
      objects.push(JSON.parse(line));
      lineNumbers.push(i + 1);
    } catch (err) {
      throw new DatasetError("parse_error", `line ${i + 1}: invalid JSON (${(err as Error).message})`);
    }
  });
  return collectObjects(objects, (i) => `line ${lineNumbers[i]}`);
}

async function parseParquet(bytes: Uint8Array): Promise<{ rows: Row[]; columns: string[] }> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let objects: Record<string, unknown>[];
  let metadata;
  try {
    metadata = parquetMetadata(file);
  } catch (err) {
    throw new DatasetError("parse_error", `unreadable Parquet file: ${(err as Error).message}`);
  }
  // Refused from the footer alone, before a row is decoded.
  if (metadata.num_rows > BigInt(MAX_TARGET_ROWS)) throw tooManyRows();
  const leaves = metadata.schema.filter((e) => !e.num_children).length;
  if (leaves > MAX_TARGET_COLUMNS) throw tooManyColumns(leaves);
  try {
    objects = await parquetReadObjects({ file, metadata });
  } catch (err) {
    throw new DatasetError("parse_error", `unreadable Parquet file: ${(err as Error).message}`);
  }
  return collectObjects(objects, (i) => `row ${i + 1}`);
}

/**
 * Parses a target dataset file (CSV, TSV, JSON Lines or Parquet) from its bytes and guesses the text and label
 * columns. Throws DatasetError for oversized, empty, non-UTF-8 or malformed files.
 */
export async function parseTargetFile(bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParsedTarget> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_TARGET_BYTES;
  if (bytes.length > maxBytes) {
    throw new DatasetError("file_too_large", `the file is ${bytes.length} bytes, over the limit of ${maxBytes} bytes`);
  }
  if (bytes.length === 0) throw new DatasetError("empty_file", "the file is empty");
  const format = formatOf(bytes, opts);
  let parsed: { rows: Row[]; columns: string[] };
  if (format === "parquet") parsed = await parseParquet(bytes);
  else {
    const text = decodeUtf8(bytes);
    if (text.trim() === "") throw new DatasetError("empty_file", "the file is empty");
    parsed = format === "jsonl" ? parseJsonLines(text) : parseDelimited(text, format === "tsv" ? "\t" : ",");
  }
  const rows = parsed.rows.filter((r) => parsed.columns.some((c) => !isMissing(r[c])));
  if (rows.length === 0) throw new DatasetError("empty_file", "the file has no data rows");
  return { format, columns: parsed.columns, rows, detected: detectColumns(rows, parsed.columns) };
}
