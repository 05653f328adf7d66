import { EsmFormatError } from "./errors";

/** Bytes per element of every dtype the safetensors format defines. */
const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1,
  I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4,
  I64: 8, U64: 8, F64: 8,
};

/** ESM headers are a few hundred bytes; anything near this limit is hostile or not an ESM. */
export const DEFAULT_MAX_HEADER_BYTES = 1 << 20;

export interface TensorInfo {
  dtype: string;
  shape: number[];
  /** The tensor's bytes: a view into the file, little-endian. */
  data: Uint8Array;
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  tensors: Map<string, TensorInfo>;
}

function fail(message: string): never {
  throw new EsmFormatError(`model.safetensors: ${message}`);
}

export interface TensorLayout {
  dtype: string;
  shape: number[];
  /** Byte offsets into the data section (after the 8-byte length and the header). */
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  metadata: Record<string, string>;
  tensors: Map<string, TensorLayout>;
  /** Where the data section starts in the file: 8 + the header's length. */
  dataStart: number;
}

/** The header's length from the file's first 8 bytes, checked against the limit and the file size. */
export function safetensorsHeaderLength(first8: Uint8Array, fileSize: number, maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES): number {
  if (fileSize < 8 || first8.length < 8) fail(`file is truncated (${fileSize} bytes, the 8-byte header length is missing)`);
  const headerLength = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(maxHeaderBytes)) fail(`header claims ${headerLength} bytes, over the limit of ${maxHeaderBytes}`);
  const n = Number(headerLength);
  if (n < 2) fail("header is empty");
  if (8 + n > fileSize) fail(`header length ${n} is larger than the file (${fileSize} bytes)`);
  return n;
}

/**
 * Parses and validates a header (the JSON bytes after the length) for a file of `fileSize` bytes: dtypes, shapes
 * and contiguous in-bounds offsets. Needs only the header, so a multi-GB checkpoint is checked from two range reads.
 */
export function parseSafetensorsHeader(headerBytes: Uint8Array, fileSize: number): SafetensorsHeader {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(headerBytes));
  } catch {
    fail("header is not valid UTF-8 JSON");
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) fail("header is not a JSON object");

  const dataStart = 8 + headerBytes.length;
  const dataLength = fileSize - dataStart;
  const metadata: Record<string, string> = {};
  const entries: ({ name: string } & TensorLayout)[] = [];

  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (typeof value !== "object" || value === null || Array.isArray(value)) fail("__metadata__ must be an object of strings");
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`__metadata__.${k} must be a string`);
        metadata[k] = v;
      }
      continue;
    }
    const t = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== "object" || t === null) fail(`tensor "${name}" has no description`);
    if (typeof t.dtype !== "string" || !(t.dtype in DTYPE_BYTES)) fail(`tensor "${name}" has unknown dtype ${JSON.stringify(t.dtype)}`);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor "${name}" has an invalid shape`);
    const offsets = t.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(`tensor "${name}" has invalid data_offsets`);
    }
    const [begin, end] = offsets as [number, number];
    if (end < begin) fail(`tensor "${name}" has data_offsets that end before they begin`);
    if (end > dataLength) fail(`tensor "${name}" ends at byte ${end}, outside the ${dataLength} data bytes`);
    const shape = t.shape as number[];
    const expected = shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[t.dtype];
    if (end - begin !== expected) fail(`tensor "${name}" has shape [${shape}] (${expected} bytes) but data_offsets span ${end - begin} bytes`);
    entries.push({ name, dtype: t.dtype, shape, begin, end });
  }

  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of entries) {
    if (e.begin < cursor) fail(`tensor "${e.name}" overlaps the previous tensor`);
    if (e.begin > cursor) fail(`gap before tensor "${e.name}" (data_offsets must be contiguous)`);
    cursor = e.end;
  }
  if (cursor !== dataLength) fail(`${dataLength - cursor} bytes after the last tensor are not described by the header`);
  const tensors = new Map<string, TensorLayout>();
  for (const { name, ...layout } of entries) tensors.set(name, layout);
  return { metadata, tensors, dataStart };
}

/** Parses and validates a whole safetensors file held in memory. */
export function readSafetensors(bytes: Uint8Array, maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES): SafetensorsFile {
  const n = safetensorsHeaderLength(bytes.subarray(0, 8), bytes.length, maxHeaderBytes);
  const { metadata, tensors: layouts, dataStart } = parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length);
  const tensors = new Map<string, TensorInfo>();
  for (const [name, e] of layouts) {
    tensors.set(name, { dtype: e.dtype, shape: e.shape, data: bytes.subarray(dataStart + e.begin, dataStart + e.end) });
  }
  return { metadata, tensors };
}

export interface TensorToWrite {
  dtype: "F32";
  shape: number[];
  data: Float32Array;
}

/**
 * Writes a safetensors file the way the Rust `safetensors` library (used by the Python reference) does:
 * compact JSON header with __metadata__ first, tensors sorted by name, header space-padded to a multiple of 8.
 */
export function writeSafetensors(tensors: Record<string, TensorToWrite>, metadata: Record<string, string> = { format: "pt" }): Uint8Array {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const name of names) {
    const size = tensors[name].data.byteLength;
    header[name] = { dtype: tensors[name].dtype, shape: tensors[name].shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((8 + json.length) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const { data } = tensors[name];
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}
