import { mkdtemp, readFile, rm, writeFile, readdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bertForwardF64, loadWeightsF64 } from "../../scripts/tiny-bert/forward-f64";
import { writeTinyBert } from "../../scripts/tiny-bert/write";
import { readSafetensors, writeSafetensors } from "../esm/safetensors";
import { encoderShapeOf } from "./checkpoint";
import { buildEncoderOnnx } from "./encoder-onnx";
import { EmbedError, embedWithCache, loadBaseModel, loadTokenizer } from "./index";

let root: string;
let withPooler: string;
let taskPrefixed: string;

const TEXTS = [
  "Hello, world!",
  "The movie was great [SEP] the food was awful",
  "Café naïve résumé",
  "free cash prize!!! call now 0800 123",
  "中文 and emoji 😀 mixed",
  "",
  Array.from({ length: 200 }, (_, i) => `word${i % 7}`).join(" "),
];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "esmhub-embed-"));
  withPooler = path.join(root, "with-pooler");
  taskPrefixed = path.join(root, "task-prefixed");
  await writeTinyBert(withPooler);
  await writeTinyBert(taskPrefixed, { safetensorsPrefix: "bert." });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function vocabIds(tokens: string[]): Promise<number[]> {
  const vocab = (await readFile(path.join(withPooler, "vocab.txt"), "utf8")).split("\n");
  return tokens.map((t) => {
    const i = vocab.indexOf(t);
    if (i < 0) throw new Error(`token ${t} not in vocab`);
    return i;
  });
}

describe("tokenisation", () => {
  it("matches hand-derived WordPiece ids, [SEP] in text as the special token, accents stripped", async () => {
    const tok = await loadTokenizer(withPooler);
    expect(tok.encode("Hello, world!")).toEqual(await vocabIds(["[CLS]", "hello", ",", "world", "!", "[SEP]"]));
    expect(tok.encode("The movie was GREAT [SEP] Café")).toEqual(
      await vocabIds(["[CLS]", "the", "movie", "was", "great", "[SEP]", "c", "##a", "##f", "##e", "[SEP]"]),
    );
    expect(tok.encode("unbelievably 42")).toEqual(
      await vocabIds(["[CLS]", "u", "##n", "##b", "##e", "##l", "##i", "##e", "##v", "##a", "##b", "##ly", "4", "##2", "[SEP]"]),
    );
    expect(tok.encode("中文 ok")).toEqual(await vocabIds(["[CLS]", "[UNK]", "[UNK]", "ok", "[SEP]"]));
    expect(tok.padId).toBe(0);
  });

  it("truncates the content to max_length and keeps [CLS] … [SEP]", async () => {
    const tok = await loadTokenizer(withPooler);
    const ids = tok.encode(TEXTS[6]);
    const [cls, sep] = await vocabIds(["[CLS]", "[SEP]"]);
    expect(ids).toHaveLength(128);
    expect(ids[0]).toBe(cls);
    expect(ids[127]).toBe(sep);
    expect(ids.slice(0, 127)).toEqual(tok.encode(TEXTS[6], 1000).slice(0, 127));
  });
});

describe("loadBaseModel", () => {
  it("pooler_output agrees with an independent float64 forward pass of the same weights", async () => {
    const model = await loadBaseModel(withPooler);
    expect(model.id).toBe(withPooler); // the name it was loaded by, as from_pretrained sees it
    expect(model.pooling).toBe("pooler");
    expect(model.dim).toBe(32);
    const out = await model.embed(TEXTS, { batchSize: 3 });
    expect([out.n, out.d]).toEqual([TEXTS.length, 32]);
    const tok = await loadTokenizer(withPooler);
    const cfg = JSON.parse(await readFile(path.join(withPooler, "config.json"), "utf8"));
    const w = loadWeightsF64(new Uint8Array(await readFile(path.join(withPooler, "model.safetensors"))));
    TEXTS.forEach((t, i) => {
      const ref = bertForwardF64(tok.encode(t), w, cfg);
      expect(maxAbsDiff(out.data.subarray(i * 32, (i + 1) * 32), ref.pooled)).toBeLessThan(1e-5);
    });
    await model.close();
  });

  it("gives the same vectors padded per batch, padded to 128, or one text at a time", async () => {
    const model = await loadBaseModel(withPooler);
    const longest = await model.embed(TEXTS);
    const fixed = await model.embed(TEXTS, { padding: "max_length" });
    const single = await model.embed(TEXTS, { batchSize: 1 });
    expect(maxAbsDiff(longest.data, fixed.data)).toBeLessThan(1e-5);
    expect(maxAbsDiff(longest.data, single.data)).toBeLessThan(1e-5);
    await model.close();
  });

  it("reads a task checkpoint's encoder under its bert. prefix", async () => {
    const a = await loadBaseModel(withPooler);
    const b = await loadBaseModel(taskPrefixed);
    expect(b.pooling).toBe("pooler");
    const ea = await a.embed(TEXTS);
    const eb = await b.embed(TEXTS);
    expect(maxAbsDiff(ea.data, eb.data)).toBeLessThan(1e-5);
    await Promise.all([a.close(), b.close()]);
  });

  it("runs an ONNX export when the folder has no model.safetensors, with the same vectors", async () => {
    const onnxOnly = path.join(root, "onnx-only");
    await writeTinyBert(onnxOnly);
    await rm(path.join(onnxOnly, "model.safetensors"));
    const a = await loadBaseModel(withPooler);
    const b = await loadBaseModel(onnxOnly);
    expect(maxAbsDiff((await a.embed(TEXTS)).data, (await b.embed(TEXTS)).data)).toBeLessThan(1e-6);
    expect(await b.modelHash()).not.toBe(await a.modelHash());
    await Promise.all([a.close(), b.close()]);
  });

  it("uses masked mean pooling for sentence-transformers ids", async () => {
    const tok = await loadTokenizer(withPooler);
    const cfg = JSON.parse(await readFile(path.join(withPooler, "config.json"), "utf8"));
    const w = loadWeightsF64(new Uint8Array(await readFile(path.join(withPooler, "model.safetensors"))));
    const refs = TEXTS.map((t) => bertForwardF64(tok.encode(t), w, cfg));

    const st = await loadBaseModel(withPooler, { id: "sentence-transformers/demo" });
    expect(st.pooling).toBe("mean");
    // Pooling follows the requested name, not config.json's _name_or_path (hfselect tests the from_pretrained name).
    const parentNamed = path.join(root, "parent-named");
    await writeTinyBert(parentNamed);
    const parentCfg = JSON.parse(await readFile(path.join(parentNamed, "config.json"), "utf8"));
    await writeFile(path.join(parentNamed, "config.json"), JSON.stringify({ ...parentCfg, _name_or_path: "google-bert/bert-base-uncased" }));
    const stCopy = await loadBaseModel(parentNamed, { id: "sentence-transformers/copy" });
    expect(stCopy.pooling).toBe("mean");
    await writeFile(path.join(parentNamed, "config.json"), JSON.stringify({ ...parentCfg, _name_or_path: "sentence-transformers/parent" }));
    const plain = await loadBaseModel(parentNamed, { id: "someone/bert-copy" });
    expect(plain.pooling).toBe("pooler");
    await Promise.all([stCopy.close(), plain.close()]);
    const mean = await st.embed(TEXTS, { batchSize: 4 });
    refs.forEach((r, i) => {
      const m = new Float64Array(32);
      for (const h of r.hidden) for (let k = 0; k < 32; k++) m[k] += h[k] / r.hidden.length;
      expect(maxAbsDiff(mean.data.subarray(i * 32, (i + 1) * 32), m)).toBeLessThan(1e-5);
    });

    await st.close();
  });

  it("rejects unsupported model families and incomplete folders with coded errors", async () => {
    const other = path.join(root, "mpnet");
    await writeTinyBert(other);
    const cfg = JSON.parse(await readFile(path.join(other, "config.json"), "utf8"));
    await writeFile(path.join(other, "config.json"), JSON.stringify({ ...cfg, model_type: "mpnet" }));
    await expect(loadBaseModel(other)).rejects.toMatchObject({ code: "unsupported_model" });

    const broken = path.join(root, "broken");
    await writeTinyBert(broken);
    await rm(path.join(broken, "tokenizer.json"));
    await expect(loadBaseModel(broken)).rejects.toMatchObject({ code: "missing_file" });

    // An ONNX export without pooler_output and no checkpoint to take the pooler from.
    const bare = path.join(root, "bare");
    await writeTinyBert(bare);
    const { tensors } = readSafetensors(new Uint8Array(await readFile(path.join(bare, "model.safetensors"))));
    const weights = new Map(
      [...tensors].filter(([name]) => !name.startsWith("pooler.")).map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.slice().buffer) }]),
    );
    await writeFile(path.join(bare, "onnx", "model.onnx"), buildEncoderOnnx(weights, encoderShapeOf(cfg)).model);
    await rm(path.join(bare, "model.safetensors"));
    await expect(loadBaseModel(bare)).rejects.toMatchObject({ code: "no_pooler" });
    await expect(loadBaseModel("not a model id!")).rejects.toBeInstanceOf(EmbedError);
  });

  it("names what is wrong with a checkpoint it cannot run, and never embeds with it", async () => {
    const variant = async (name: string, change: (dir: string, cfg: Record<string, unknown>) => Promise<void>) => {
      const dir = path.join(root, name);
      await writeTinyBert(dir);
      await rm(path.join(dir, "onnx"), { recursive: true, force: true });
      await change(dir, JSON.parse(await readFile(path.join(dir, "config.json"), "utf8")));
      return loadBaseModel(dir).then(
        async (m) => (await m.close(), null),
        (err: EmbedError) => ({ code: err.code, message: err.message }),
      );
    };
    const writeConfig = (dir: string, cfg: Record<string, unknown>) => writeFile(path.join(dir, "config.json"), JSON.stringify(cfg));
    const withoutTensor = (dir: string, drop: string) =>
      readFile(path.join(dir, "model.safetensors")).then((bytes) => {
        const { tensors } = readSafetensors(new Uint8Array(bytes));
        const kept = Object.fromEntries([...tensors].filter(([n]) => n !== drop).map(([n, t]) => [n, { dtype: "F32" as const, shape: t.shape, data: new Float32Array(t.data.slice().buffer) }]));
        return writeFile(path.join(dir, "model.safetensors"), writeSafetensors(kept));
      });

    expect(await variant("pickle-only", async (dir) => {
      await writeFile(path.join(dir, "pytorch_model.bin"), "PK\x03\x04");
      await rm(path.join(dir, "model.safetensors"));
    })).toEqual({ code: "missing_file", message: expect.stringContaining("only pytorch_model.bin") });
    expect(await variant("missing-tensor", (dir) => withoutTensor(dir, "encoder.layer.1.output.dense.weight"))).toEqual({
      code: "unsupported_model", message: expect.stringContaining("lacks 1 tensor the config implies: encoder.layer.1.output.dense.weight"),
    });
    expect(await variant("lying-config", (dir, cfg) => writeConfig(dir, { ...cfg, hidden_size: 64, num_attention_heads: 4 }))).toEqual({
      code: "unsupported_model", message: expect.stringContaining("embeddings.word_embeddings.weight has shape [481,32] but config.json implies [481,64]"),
    });
    expect(await variant("remote-code", (dir, cfg) => writeConfig(dir, { ...cfg, auto_map: { AutoModel: "modeling_x.XModel" } }))).toEqual({
      code: "unsupported_model", message: expect.stringContaining("custom code (auto_map: AutoModel)"),
    });

    const short = path.join(root, "short-positions");
    await writeTinyBert(short);
    await rm(path.join(short, "onnx"), { recursive: true, force: true });
    const cfg = JSON.parse(await readFile(path.join(short, "config.json"), "utf8"));
    await writeConfig(short, { ...cfg, max_position_embeddings: 16 });
    const { tensors } = readSafetensors(new Uint8Array(await readFile(path.join(short, "model.safetensors"))));
    const cut = Object.fromEntries([...tensors].map(([n, t]) => {
      const data = new Float32Array(t.data.slice().buffer);
      return [n, n === "embeddings.position_embeddings.weight" ? { dtype: "F32" as const, shape: [16, t.shape[1]], data: data.slice(0, 16 * t.shape[1]) } : { dtype: "F32" as const, shape: t.shape, data }];
    }));
    await writeFile(path.join(short, "model.safetensors"), writeSafetensors(cut));
    const model = await loadBaseModel(short);
    try {
      expect((await model.embed(["short text"])).n).toBe(1);
      await expect(model.embed([TEXTS[6]])).rejects.toMatchObject({ code: "unsupported_model", message: expect.stringContaining("16 position embeddings") });
    } finally {
      await model.close();
    }
  });

  it("reports progress and stops when aborted", async () => {
    const model = await loadBaseModel(withPooler);
    const texts = Array.from({ length: 10 }, (_, i) => `text number ${i}`);
    const seen: number[] = [];
    await model.embed(texts, { batchSize: 4, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([0, 4, 8, 10]);

    const controller = new AbortController();
    const progress: number[] = [];
    const run = model.embed(texts, {
      batchSize: 4,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.done);
        if (p.done === 4) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "aborted" });
    expect(progress).toEqual([0, 4]);
    await model.close();
  });

  it("falls back to CPU with a notice when CUDA cannot start, or runs on CUDA where it can", async () => {
    const notices: string[] = [];
    const model = await loadBaseModel(withPooler, { device: "cuda", log: (m) => notices.push(m) });
    if (model.device === "cpu") expect(notices.join("\n")).toMatch(/CUDA execution provider unavailable/);
    else expect(notices).toEqual([]);
    const cpu = await loadBaseModel(withPooler, { device: "cpu" });
    expect(maxAbsDiff((await model.embed(TEXTS)).data, (await cpu.embed(TEXTS)).data)).toBeLessThan(1e-4);
    await Promise.all([model.close(), cpu.close()]);
  });
});

describe("embedWithCache", () => {
  it("writes a float32 .npy once and reads it back on the next call", async () => {
    const cacheDir = path.join(root, "cache");
    const model = await loadBaseModel(withPooler);
    const first = await embedWithCache(model, TEXTS, { cacheDir, datasetKey: "commit-1" });
    expect(first.cached).toBe(false);
    const second = await embedWithCache(model, TEXTS, { cacheDir, datasetKey: "commit-1" });
    expect(second.cached).toBe(true);
    expect(second.path).toBe(first.path);
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    const other = await embedWithCache(model, TEXTS.slice(1), { cacheDir, datasetKey: "commit-1" });
    expect(other.cached).toBe(false);
    expect(other.path).not.toBe(first.path);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await writeFile(first.path, "garbage");
    expect((await embedWithCache(model, TEXTS, { cacheDir, datasetKey: "commit-1" })).cached).toBe(false);
    await model.close();
  });
});

describe("Hub download", () => {
  let server: Server;
  let hubUrl: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      requests.push(req.url ?? "");
      const m = /^\/esmhub\/demo-bert-tiny\/resolve\/main\/(.+)$/.exec(req.url ?? "");
      const file = m ? path.join(withPooler, decodeURIComponent(m[1])) : null;
      const body = file ? await readFile(file).catch(() => null) : null;
      if (!body) {
        res.writeHead(404, { "X-Error-Code": "EntryNotFound" }).end();
        return;
      }
      const etag = `"${body.length}"`;
      const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? "");
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
        res.writeHead(206, { ETag: etag, "Content-Range": `bytes ${start}-${end}/${body.length}`, "Content-Length": end - start + 1 });
        res.end(body.subarray(start, end + 1));
      } else res.writeHead(200, { ETag: etag, "Content-Length": body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const addr = server.address();
    hubUrl = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fetches a model once into the cache and embeds like the local folder", async () => {
    const cacheDir = path.join(root, "models");
    const remote = await loadBaseModel("esmhub/demo-bert-tiny", { hubUrl, cacheDir });
    expect(remote.dir).toBe(path.join(cacheDir, "esmhub--demo-bert-tiny", "main"));
    const local = await loadBaseModel(withPooler);
    expect(maxAbsDiff((await remote.embed(TEXTS)).data, (await local.embed(TEXTS)).data)).toBe(0);
    expect(await readFile(path.join(remote.dir, "model.safetensors"))).toEqual(await readFile(path.join(withPooler, "model.safetensors")));
    const before = requests.length;
    const again = await loadBaseModel("esmhub/demo-bert-tiny", { hubUrl, cacheDir });
    expect(requests.length).toBe(before);
    await Promise.all([remote.close(), local.close(), again.close()]);
  });

  it("reports a missing Hub model as model_not_found or missing_file", async () => {
    await expect(loadBaseModel("nobody/nothing", { hubUrl, cacheDir: path.join(root, "models") })).rejects.toBeInstanceOf(EmbedError);
  });
});
