import { access, mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { downloadFile } from "@huggingface/hub";
import { dataDir } from "../config";
import { EmbedError } from "./errors";

export interface ModelSourceOptions {
  /** Hub-compatible server for ids that are not local folders (default HF_ENDPOINT or huggingface.co). */
  hubUrl?: string;
  revision?: string;
  accessToken?: string;
  /** Where downloaded models are kept (default dataDir()/models). */
  cacheDir?: string;
  fetch?: typeof fetch;
}

export interface ModelSource {
  dir: string;
  /** Local path of a model file, downloading it first for Hub models; null when the model has none. */
  file(name: string): Promise<string | null>;
}

const REQUIRED = ["config.json", "tokenizer.json"];
const OPTIONAL_UP_FRONT = ["tokenizer_config.json"];
export const ONNX_CANDIDATES = ["onnx/model.onnx", "model.onnx"];

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function localSource(dir: string): ModelSource {
  return {
    dir,
    file: async (name) => ((await exists(path.join(dir, name))) ? path.join(dir, name) : null),
  };
}

function hubSource(id: string, opts: ModelSourceOptions): ModelSource {
  const revision = opts.revision ?? "main";
  const dir = path.join(opts.cacheDir ?? path.join(dataDir(), "models"), id.replace(/\//g, "--"), revision.replace(/[^\w.-]/g, "_"));
  const missing = new Set<string>();
  return {
    dir,
    async file(name) {
      const target = path.join(dir, name);
      if (await exists(target)) return target;
      if (missing.has(name)) return null;
      const blob = await downloadFile({
        repo: id,
        path: name,
        revision,
        hubUrl: opts.hubUrl ?? process.env.HF_ENDPOINT,
        accessToken: opts.accessToken,
        fetch: opts.fetch,
      }).catch((err: Error) => {
        throw new EmbedError("model_not_found", `cannot download ${name} of "${id}": ${err.message}`);
      });
      if (!blob) {
        missing.add(name);
        return null;
      }
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${Date.now()}.part`;
      await writeFile(tmp, new Uint8Array(await blob.arrayBuffer()));
      await rename(tmp, target);
      return target;
    },
  };
}

/**
 * A model given as a local HF/Xenova-layout folder, or as a Hub id fetched once into the cache.
 * Checks the files every model needs are there.
 */
export async function openModelSource(idOrDir: string, opts: ModelSourceOptions = {}): Promise<ModelSource> {
  const local = await isDirectory(idOrDir);
  if (!local && !/^[\w.-]+(\/[\w.-]+)?$/.test(idOrDir)) {
    throw new EmbedError("model_not_found", `"${idOrDir}" is neither a model folder nor a Hub model id`);
  }
  const source = local ? localSource(path.resolve(idOrDir)) : hubSource(idOrDir, opts);
  for (const name of REQUIRED) {
    if (!(await source.file(name))) throw new EmbedError("missing_file", `model "${idOrDir}" has no ${name}`);
  }
  for (const name of OPTIONAL_UP_FRONT) await source.file(name);
  return source;
}

export async function findOnnx(source: ModelSource, label: string): Promise<string> {
  for (const name of ONNX_CANDIDATES) {
    const p = await source.file(name);
    if (p) return p;
  }
  throw new EmbedError("missing_file", `model "${label}" has no ONNX export (looked for ${ONNX_CANDIDATES.join(", ")})`);
}
