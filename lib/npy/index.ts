import { readFile, writeFile } from "node:fs/promises";

/** The dtypes we read and write: little-endian, C order. */
export type NpyDtype = "float32" | "float64" | "int32" | "int64";

export type NpyData = Float32Array | Float64Array | Int32Array | BigInt64Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

const DESCR: Record<string, NpyDtype> = { "<f4": "float32", "<f8": "float64", "<i4": "int32", "<i8": "int64" };
const DESCR_OF: Record<NpyDtype, string> = { float32: "<f4", float64: "<f8", int32: "<i4", int64: "<i8" };
const ITEM_SIZE: Record<NpyDtype, number> = { float32: 4, float64: 8, int32: 4, int64: 8 };

/** Parses the Python-literal header dict, e.g. `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`. */
function parseHeader(text: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`npy: header is not a valid dict: ${text.trim().slice(0, 120)}`);
  }
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map((s) => {
    if (!/^\d+L?$/.test(s)) throw new Error(`npy: bad shape entry "${s}"`);
    return Number.parseInt(s, 10);
  });
  return { descr, fortranOrder: fortran === "True", shape };
}

/** Reads a .npy file (format versions 1–3) holding float32/float64/int32/int64 data in C order. */
export function readNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error("npy: not a .npy file (bad magic)");
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new Error("npy: truncated header");
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new Error(`npy: unsupported format version ${major}.${bytes[7]}`);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) throw new Error("npy: truncated header");
  const encoding = major === 3 ? "utf-8" : "latin1";
  const header = parseHeader(new TextDecoder(encoding).decode(bytes.subarray(headerStart, dataStart)));
  if (header.fortranOrder) throw new Error("npy: Fortran-order arrays are not supported; save with np.ascontiguousarray");
  const dtype: NpyDtype | undefined = DESCR[header.descr];
  if (!dtype) {
    const hint = header.descr.startsWith(">") ? " (big-endian)" : header.descr.includes("O") ? " (object arrays are not supported)" : "";
    throw new Error(`npy: unsupported dtype '${header.descr}'${hint}; expected float32, float64, int32 or int64, little-endian`);
  }
  const count = header.shape.reduce((a, b) => a * b, 1);
  const byteCount = count * ITEM_SIZE[dtype];
  if (bytes.length - dataStart < byteCount) {
    throw new Error(`npy: truncated data: shape (${header.shape.join(", ")}) needs ${byteCount} bytes, file has ${bytes.length - dataStart}`);
  }
  // Copy into a fresh, aligned buffer: the header length need not leave the data aligned for a typed-array view.
  // (Uint8Array's slice copies; a Node Buffer's slice would not.)
  const raw = Uint8Array.prototype.slice.call(bytes, dataStart, dataStart + byteCount).buffer;
  const data = dtype === "float32" ? new Float32Array(raw) : dtype === "float64" ? new Float64Array(raw)
    : dtype === "int32" ? new Int32Array(raw) : new BigInt64Array(raw);
  return { dtype, shape: header.shape, data };
}

/** Serialises an array as a version 1.0 .npy file (version 2.0 if the header needs it). */
export function writeNpy(array: { data: NpyData; shape: number[] }): Uint8Array {
  const dtype: NpyDtype = array.data instanceof Float32Array ? "float32" : array.data instanceof Float64Array ? "float64"
    : array.data instanceof Int32Array ? "int32" : "int64";
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) throw new Error(`npy: shape (${array.shape.join(", ")}) does not match ${array.data.length} values`);
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(", ")})`;
  const dict = `{'descr': '${DESCR_OF[dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  let major = 1;
  let prefix = 10;
  if (dict.length + 1 + prefix > 0xffff) {
    major = 2;
    prefix = 12;
  }
  const padded = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const headerLen = padded - prefix;
  const header = dict + " ".repeat(headerLen - dict.length - 1) + "\n";
  const payload = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(padded + payload.length);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, headerLen, true);
  else view.setUint32(8, headerLen, true);
  out.set(new TextEncoder().encode(header), prefix);
  out.set(payload, padded);
  return out;
}

export async function readNpyFile(file: string): Promise<NpyArray> {
  try {
    return readNpy(new Uint8Array(await readFile(file)));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

export async function writeNpyFile(file: string, array: { data: NpyData; shape: number[] }): Promise<void> {
  await writeFile(file, writeNpy(array));
}

/** The values as float64 (int64 values beyond 2^53 lose precision, as in numpy's own cast). */
export function toFloat64(data: NpyData): Float64Array {
  if (data instanceof Float64Array) return data;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
  return out;
}

/** The values as float32; int data is converted by value. */
export function toFloat32(data: NpyData): Float32Array {
  if (data instanceof Float32Array) return data;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
  return out;
}
