import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import {
  EsmFormatError, esmModelCard, loadEsmFolder, parseEsmConfig, parseEsmWeights, readSafetensors, validateEsm,
  writeEsmSafetensors, canonicalBaseModel,
} from "./index";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/esm-logme/esms");
const folders = readdirSync(FIXTURES).sort();
const fixtureBytes = () => new Uint8Array(readFileSync(path.join(FIXTURES, "ESM_source_0/model.safetensors")));
const fixtureConfig = () => readFileSync(path.join(FIXTURES, "ESM_source_0/config.json"), "utf8");

/** A safetensors file with a hand-written header, to build broken files. */
function withHeader(header: unknown, dataBytes: number, claimedLength?: bigint): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, claimedLength ?? BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EsmFormatError);
    return (err as EsmFormatError).problems.join("\n");
  }
  throw new Error("expected an EsmFormatError");
}

describe("reading ESMs written by the Python reference", () => {
  it("loads every fixture folder and detects the legacy one from tensor names", async () => {
    expect(folders).toHaveLength(6);
    for (const folder of folders) {
      const { config, weights } = await loadEsmFolder(path.join(FIXTURES, folder));
      expect(weights.dim).toBe(128);
      expect(weights.weight).toHaveLength(128 * 128);
      expect(weights.legacy).toBe(folder === "ESM_source_4");
      // Own buffers of exact size: workers receive them as transferables.
      expect(weights.bias.buffer.byteLength).toBe(128 * 4);
      expect(weights.weight.buffer.byteLength).toBe(128 * 128 * 4);
      expect(config.taskId).toBe(`demo/${folder.replace("ESM_", "")}`);
    }
  });

  it("writes files byte-identical to the reference", () => {
    for (const folder of folders) {
      const original = new Uint8Array(readFileSync(path.join(FIXTURES, folder, "model.safetensors")));
      const w = parseEsmWeights(original);
      expect(Buffer.from(writeEsmSafetensors(w.weight, w.bias, w.dim, w.legacy)).equals(Buffer.from(original))).toBe(true);
    }
  });

  it("matches the documented header of a D=768 file", () => {
    const bytes = writeEsmSafetensors(new Float32Array(768 * 768), new Float32Array(768), 768);
    expect(bytes.length).toBe(2_362_560);
    expect(new DataView(bytes.buffer).getBigUint64(0, true)).toBe(184n);
  });
});

describe("rejecting broken safetensors", () => {
  it("names the problem for each kind of damage", () => {
    const good = fixtureBytes();
    expect(problemsOf(() => readSafetensors(good.subarray(0, 5)))).toMatch(/truncated/);
    expect(problemsOf(() => readSafetensors(good.subarray(0, 100)))).toMatch(/larger than the file/);
    expect(problemsOf(() => readSafetensors(withHeader({}, 0, 5n * 2n ** 30n)))).toMatch(/over the limit/);
    expect(problemsOf(() => parseEsmWeights(good.subarray(0, good.length - 4)))).toMatch(/outside|not described/);
    const t = (offsets: number[], dtype = "F32", shape = [2]) => ({ dtype, shape, data_offsets: offsets });
    expect(problemsOf(() => readSafetensors(withHeader({ a: t([0, 8]), b: t([4, 12]) }, 12)))).toMatch(/overlaps/);
    expect(problemsOf(() => readSafetensors(withHeader({ a: t([0, 8]), b: t([8, 16]) }, 12)))).toMatch(/outside/);
    expect(problemsOf(() => readSafetensors(withHeader({ a: t([0, 8], "F31") }, 8)))).toMatch(/unknown dtype "F31"/);
    expect(problemsOf(() => readSafetensors(withHeader({ a: t([0, 8], "F32", [3]) }, 8)))).toMatch(/shape \[3\]/);
    expect(problemsOf(() => readSafetensors(withHeader({ a: t([4, 12]) }, 12)))).toMatch(/gap/);
    expect(problemsOf(() => readSafetensors(withHeader([1, 2], 0)))).toMatch(/not a JSON object/);
  });

  it("rejects NaN weights, a missing bias, wrong shapes and extra layers", () => {
    const w = new Float32Array(16);
    w[5] = NaN;
    expect(problemsOf(() => parseEsmWeights(writeEsmSafetensors(w, new Float32Array(4), 4)))).toMatch(/NaN at index 5/);
    const only = withHeader({ "model.weight": { dtype: "F32", shape: [2, 2], data_offsets: [0, 16] } }, 16);
    expect(problemsOf(() => parseEsmWeights(only))).toMatch(/missing tensor model.bias/);
    const rect = withHeader({
      "model.bias": { dtype: "F32", shape: [2], data_offsets: [0, 8] },
      "model.weight": { dtype: "F32", shape: [2, 3], data_offsets: [8, 32] },
    }, 32);
    expect(problemsOf(() => parseEsmWeights(rect))).toMatch(/square/);
    const mlp = withHeader({
      "sequential.0.bias": { dtype: "F32", shape: [1], data_offsets: [0, 4] },
      "sequential.0.weight": { dtype: "F32", shape: [1, 1], data_offsets: [4, 8] },
      "sequential.2.weight": { dtype: "F32", shape: [1, 1], data_offsets: [8, 12] },
    }, 12);
    expect(problemsOf(() => parseEsmWeights(mlp))).toMatch(/only the linear ESM architecture/);
  });
});

describe("config.json", () => {
  it("tolerates the ~40 extra keys of a locally saved config", () => {
    const raw = { ...JSON.parse(fixtureConfig()), return_dict: true, id2label: { 0: "LABEL_0" }, torchscript: false, streamed: false };
    const config = parseEsmConfig(JSON.stringify(raw));
    expect(config.baseModelName).toBe("prajjwal1/bert-tiny");
    expect(config.textColumns).toEqual(["text"]);
    expect(config.raw.return_dict).toBe(true);
  });

  it("accepts a list of text columns and reports missing required fields", () => {
    expect(parseEsmConfig({ base_model_name: "b", task_id: "t", text_column: ["premise", "hypothesis"] }).textColumns).toEqual(["premise", "hypothesis"]);
    const p = problemsOf(() => parseEsmConfig({ task_id: "" }));
    expect(p).toMatch(/base_model_name is required/);
    expect(p).toMatch(/task_id must not be empty/);
    expect(problemsOf(() => parseEsmConfig("{nope"))).toMatch(/not valid JSON/);
  });
});

describe("validating an ESM repo", () => {
  it("accepts the fixtures and reports disagreements between config and weights", () => {
    expect(validateEsm(fixtureConfig(), fixtureBytes()).weights.dim).toBe(128);
    const wrongDim = JSON.stringify({ ...JSON.parse(fixtureConfig()), esm_embedding_dim: 64 });
    expect(problemsOf(() => validateEsm(wrongDim, fixtureBytes()))).toMatch(/esm_embedding_dim 64 but model.safetensors has D = 128/);
    const legacyClaim = JSON.stringify({ ...JSON.parse(fixtureConfig()), version: "0.1.0" });
    expect(problemsOf(() => validateEsm(legacyClaim, fixtureBytes()))).toMatch(/legacy/);
    const bert = JSON.stringify({ ...JSON.parse(fixtureConfig()), base_model_name: "bert-base-multilingual-uncased", esm_embedding_dim: null });
    expect(problemsOf(() => validateEsm(bert, fixtureBytes()))).toMatch(/hidden size 768, but this ESM has D = 128/);
  });

  it("refuses configs that hfselect 0.2.0 cannot load (no esm_embedding_dim or esm_architecture)", () => {
    const { esm_embedding_dim: _dim, esm_architecture: _arch, ...rest } = JSON.parse(fixtureConfig());
    const problems = problemsOf(() => validateEsm(JSON.stringify(rest), fixtureBytes()));
    expect(problems).toMatch(/esm_embedding_dim is missing; hfselect 0.2.0 refuses the ESM/);
    expect(problems).toMatch(/esm_architecture is missing/);
  });
});

describe("model card", () => {
  it("has the front matter the reference's discovery relies on", () => {
    const card = esmModelCard(parseEsmConfig(fixtureConfig()), { synthetic: true });
    const front = YAML.parse(card.split("---")[1]);
    expect(front.base_model).toBe("prajjwal1/bert-tiny");
    expect(front.datasets).toEqual(["demo/source_0"]);
    expect(front.tags).toEqual(["embedding_space_map", "BaseLM:prajjwal1/bert-tiny", "synthetic-weights"]);
    expect(card).toMatch(/synthetic weights/i);
  });

  it("canonicalises base model aliases", () => {
    expect(canonicalBaseModel("bert-base-multilingual-uncased")).toBe("google-bert/bert-base-multilingual-uncased");
    expect(canonicalBaseModel("someone/unknown")).toBe("someone/unknown");
  });
});
