import { endianness } from "node:os";
import { EsmFormatError } from "./errors";

const LITTLE_ENDIAN_HOST = endianness() === "LE";
import { readSafetensors, writeSafetensors, type TensorInfo } from "./safetensors";

/** The affine map of a linear ESM: f(x) = W x + b, W stored row-major as [out = D, in = D] like torch.nn.Linear. */
export interface EsmWeights {
  dim: number;
  /** true for v0.1.0 files (`sequential.0.*` tensor names). */
  legacy: boolean;
  weight: Float32Array;
  bias: Float32Array;
}

const NAMES = {
  current: { weight: "model.weight", bias: "model.bias" },
  legacy: { weight: "sequential.0.weight", bias: "sequential.0.bias" },
} as const;

function toFloat32(name: string, t: TensorInfo): Float32Array {
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const count = t.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(count);
  switch (t.dtype) {
    case "F32":
      // safetensors is little-endian: on such a host one copy of the bytes is the array (an ESM loads ~30× faster).
      // (new Uint8Array(view) copies even when the bytes are a Node Buffer, whose slice() would share memory.)
      if (LITTLE_ENDIAN_HOST) return new Float32Array(new Uint8Array(t.data).buffer);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    case "F64":
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      return out;
    case "F16":
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    case "BF16": {
      const scratch = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        scratch.setUint32(0, view.getUint16(i * 2, true) << 16);
        out[i] = scratch.getFloat32(0);
      }
      return out;
    }
    default:
      throw new EsmFormatError(`model.safetensors: tensor "${name}" has dtype ${t.dtype}; an ESM needs floating-point weights`);
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/**
 * Reads the weights of a linear ESM from safetensors bytes. The naming generation (current `model.*` or legacy
 * `sequential.0.*`) and D come from the header, never from config.json, which may be wrong for legacy ESMs.
 */
export function parseEsmWeights(bytes: Uint8Array): EsmWeights {
  const file = readSafetensors(bytes);
  const names = [...file.tensors.keys()].sort();
  const kind = names.includes(NAMES.current.weight) || names.includes(NAMES.current.bias) ? "current"
    : names.includes(NAMES.legacy.weight) || names.includes(NAMES.legacy.bias) ? "legacy" : null;
  if (!kind) {
    throw new EsmFormatError(`model.safetensors: no ESM tensors found (expected model.weight and model.bias, or the legacy sequential.0.*); found ${names.join(", ") || "none"}`);
  }
  const expected = NAMES[kind];
  const problems: string[] = [];
  const extra = names.filter((n) => n !== expected.weight && n !== expected.bias);
  if (extra.length) problems.push(`unexpected tensors ${extra.join(", ")} (only the linear ESM architecture is supported)`);
  const w = file.tensors.get(expected.weight);
  const b = file.tensors.get(expected.bias);
  if (!w) problems.push(`missing tensor ${expected.weight}`);
  if (!b) problems.push(`missing tensor ${expected.bias}`);
  if (problems.length) throw new EsmFormatError(problems.map((p) => `model.safetensors: ${p}`));

  const dim = w!.shape[0];
  if (w!.shape.length !== 2 || w!.shape[1] !== dim || dim < 1) problems.push(`${expected.weight} must be square [D, D], got [${w!.shape}]`);
  if (b!.shape.length !== 1 || b!.shape[0] !== dim) problems.push(`${expected.bias} must have shape [${dim}], got [${b!.shape}]`);
  if (problems.length) throw new EsmFormatError(problems.map((p) => `model.safetensors: ${p}`));

  const weight = toFloat32(expected.weight, w!);
  const bias = toFloat32(expected.bias, b!);
  for (const [name, values] of [[expected.weight, weight], [expected.bias, bias]] as const) {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new EsmFormatError(`model.safetensors: ${name} contains ${values[bad]} at index ${bad}`);
  }
  return { dim, legacy: kind === "legacy", weight, bias };
}

/** Serialises an ESM byte-compatible with the Python reference (`safetensors.torch.save_model`). */
export function writeEsmSafetensors(weight: Float32Array, bias: Float32Array, dim: number, legacy = false): Uint8Array {
  if (weight.length !== dim * dim || bias.length !== dim) throw new Error(`weight must have ${dim * dim} values and bias ${dim}`);
  const names = legacy ? NAMES.legacy : NAMES.current;
  return writeSafetensors({
    [names.weight]: { dtype: "F32", shape: [dim, dim], data: weight },
    [names.bias]: { dtype: "F32", shape: [dim], data: bias },
  });
}
