import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { numpyPermutation } from "../../lib/datasets";
import { loadBaseModel } from "../../lib/embed";
import { readNpy } from "../../lib/npy";
import { register } from "./embed";

const MODEL = path.resolve(import.meta.dirname, "../../models/esmhub-demo-bert-tiny");
let dir: string;

async function run(args: string[]): Promise<string> {
  const program = new Command("esmhub").exitOverride();
  register(program);
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    await program.parseAsync(["node", "esmhub", ...args]);
    return log.mock.calls.map((c) => c.join(" ")).join("\n");
  } finally {
    log.mockRestore();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "esmhub-embed-cli-"));
  const lines = ["review\tsentiment"];
  for (let i = 0; i < 40; i++) lines.push(`review number ${i} was ${i % 2 ? "good" : "bad"}\t${i % 2 ? "pos" : "neg"}`);
  await writeFile(path.join(dir, "reviews.tsv"), lines.join("\n"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("esmhub embed", () => {
  it("writes float32 embeddings and int64 labels of the reference sample", async () => {
    const out = path.join(dir, "x.npy");
    const labelsOut = path.join(dir, "y.npy");
    const stdout = await run(["embed", "--model", MODEL, "--input", path.join(dir, "reviews.tsv"), "--num-examples", "16", "--out", out, "--labels-out", labelsOut]);
    expect(stdout).toMatch(/embedded 16 texts \(review → sentiment, classification\)/);
    expect(stdout).toMatch(/labels: 0=neg, 1=pos/);
    const x = readNpy(new Uint8Array(await readFile(out)));
    const y = readNpy(new Uint8Array(await readFile(labelsOut)));
    expect([x.dtype, x.shape]).toEqual(["float32", [16, 32]]);
    expect([y.dtype, y.shape]).toEqual(["int64", [16]]);
    const chosen = Array.from(numpyPermutation(40, 42).subarray(0, 16));
    expect(Array.from(y.data as BigInt64Array, Number)).toEqual(chosen.map((i) => i % 2));
    const model = await loadBaseModel(MODEL);
    const direct = await model.embed([`review number ${chosen[0]} was ${chosen[0] % 2 ? "good" : "bad"}`]);
    direct.data.forEach((v, k) => expect((x.data as Float32Array)[k]).toBeCloseTo(v, 6));
    await model.close();
  });

  it("fails with a one-line reason for a missing column", async () => {
    await expect(run(["embed", "--model", MODEL, "--input", path.join(dir, "reviews.tsv"), "--label-column", "nope", "--out", path.join(dir, "z.npy")])).rejects.toThrow(
      /column "nope" is not in the file/,
    );
  });
});
