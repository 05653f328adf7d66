import { open } from "node:fs/promises";
import { parseSafetensorsHeader, safetensorsHeaderLength } from "../esm/safetensors";
import { checkpointProblems, expectedTensors, tensorPrefix, type EncoderShape } from "./checkpoint";
import type { Tensor } from "./encoder-onnx";
import { EmbedError } from "./errors";

/** Base-model headers list a few hundred tensors; the Hub's own limit is far above any real one. */
const MAX_HEADER_BYTES = 16 << 20;

/** IEEE half → float32, exactly (every half value is a float32 value). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Little-endian F32, F16 or BF16 bytes as float32 (bfloat16 is the top half of a float32). */
function toFloat32(bytes: Uint8Array, dtype: string): Float32Array {
  if (dtype === "F32") return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const halves = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out = new Float32Array(halves.length);
  if (dtype === "BF16") {
    const words = new Uint32Array(out.buffer);
    for (let i = 0; i < halves.length; i++) words[i] = halves[i] << 16;
    return out;
  }
  for (let i = 0; i < halves.length; i++) out[i] = halfToFloat(halves[i]);
  return out;
}

/**
 * The encoder's tensors of a model.safetensors file, read one by one at their offsets (the file is never held
 * whole: task heads and MLM decoders stay on disk), checked against the config, widened to float32.
 */
export async function readCheckpointTensors(file: string, shape: EncoderShape, id: string): Promise<Map<string, Tensor>> {
  const fh = await open(file, "r");
  try {
    const { size } = await fh.stat();
    const first8 = new Uint8Array(8);
    await fh.read(first8, 0, 8, 0);
    let header;
    try {
      const n = safetensorsHeaderLength(first8, size, MAX_HEADER_BYTES);
      const headerBytes = new Uint8Array(n);
      await fh.read(headerBytes, 0, n, 8);
      header = parseSafetensorsHeader(headerBytes, size);
    } catch (err) {
      throw new EmbedError("unsupported_model", `"${id}": ${(err as Error).message}`);
    }
    const problems = checkpointProblems(header.tensors, shape);
    if (problems.length) throw new EmbedError("unsupported_model", `"${id}": ${problems.join("; ")}`);
    const prefix = tensorPrefix(header.tensors.keys(), shape)!;
    const out = new Map<string, Tensor>();
    for (const want of expectedTensors(shape)) {
      const layout = header.tensors.get(prefix + want.name);
      if (!layout) continue;
      const bytes = new Uint8Array(layout.end - layout.begin);
      const { bytesRead } = await fh.read(bytes, 0, bytes.length, header.dataStart + layout.begin);
      if (bytesRead !== bytes.length) throw new EmbedError("unsupported_model", `"${id}": model.safetensors is truncated inside ${prefix + want.name}`);
      out.set(prefix + want.name, { shape: layout.shape, data: toFloat32(bytes, layout.dtype) });
    }
    return out;
  } finally {
    await fh.close();
  }
}
