import { describe, expect, it } from "vitest";
import path from "node:path";
import { readNpy, readNpyFile, writeNpy } from "./index";

const fixtures = path.join(import.meta.dirname, "..", "..", "fixtures");

/** Builds a .npy byte string by hand, as numpy would, with an arbitrary header dict and version. */
function rawNpy(dict: string, payload: Uint8Array, major = 1): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - prefix - 1, " ") + "\n";
  const out = new Uint8Array(total + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(new TextEncoder().encode(header), prefix);
  out.set(payload, total);
  return out;
}

describe("npy", () => {
  it("reads numpy-written float32 and int64 fixtures", async () => {
    const x = await readNpyFile(path.join(fixtures, "esm-logme", "target.embeddings.npy"));
    expect(x.dtype).toBe("float32");
    expect(x.shape).toEqual([400, 128]);
    expect(x.data[0]).toBeCloseTo(0.0512301549, 9);
    const y = await readNpyFile(path.join(fixtures, "esm-logme", "target.labels.npy"));
    expect(y.dtype).toBe("int64");
    expect(y.shape).toEqual([400]);
    expect([...y.data.slice(0, 3)]).toEqual([2n, 2n, 0n]);
  });

  it("reads from a Node Buffer without picking up neighbouring bytes", () => {
    const bytes = Buffer.from(writeNpy({ data: new Float32Array([1, 2, 3]), shape: [3] }));
    expect([...readNpy(bytes).data]).toEqual([1, 2, 3]);
  });

  it("round-trips every supported dtype", () => {
    const arrays = [
      { data: new Float32Array([1.5, -2, 3.25, 4, 5, 6]), shape: [2, 3] },
      { data: new Float64Array([Math.PI, -1e300, 0]), shape: [3] },
      { data: new Int32Array([1, -2, 2147483647, 0]), shape: [2, 2] },
      { data: new BigInt64Array([1n, -9007199254740993n]), shape: [2, 1] },
      { data: new Float64Array([]), shape: [0, 4] },
    ];
    for (const a of arrays) {
      const back = readNpy(writeNpy(a));
      expect(back.shape).toEqual(a.shape);
      expect(back.data.constructor).toBe(a.data.constructor);
      expect([...back.data]).toEqual([...a.data]);
    }
  });

  it("writes headers aligned to 64 bytes", () => {
    const bytes = writeNpy({ data: new Float32Array(3), shape: [3] });
    expect((bytes.length - 12) % 64).toBe(0);
  });

  it("reads version 2 and 3 headers", () => {
    const payload = new Uint8Array(new Float64Array([1, 2]).buffer);
    for (const major of [2, 3]) {
      const a = readNpy(rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", payload, major));
      expect([...a.data]).toEqual([1, 2]);
    }
  });

  it("rejects what it cannot read with a clear message", () => {
    const f8 = new Uint8Array(new Float64Array([1, 2, 3, 4]).buffer);
    expect(() => readNpy(rawNpy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", f8))).toThrow(/Fortran/);
    expect(() => readNpy(rawNpy("{'descr': '>f8', 'fortran_order': False, 'shape': (4,), }", f8))).toThrow(/big-endian/);
    expect(() => readNpy(rawNpy("{'descr': '|O', 'fortran_order': False, 'shape': (4,), }", f8))).toThrow(/object/);
    expect(() => readNpy(rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", f8))).toThrow(/truncated data/);
    expect(() => readNpy(rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", f8, 9))).toThrow(/version 9/);
    expect(() => readNpy(new TextEncoder().encode("hello world, not numpy"))).toThrow(/bad magic/);
    expect(() => readNpy(rawNpy("{'descr': '<f8'}", f8))).toThrow(/not a valid dict/);
    const cut = rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", f8).subarray(0, 40);
    expect(() => readNpy(cut)).toThrow(/truncated header/);
  });
});
