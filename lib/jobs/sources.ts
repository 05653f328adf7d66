import type { Db } from "../db";
import { baseModelAliases, parseEsmWeights } from "../esm";
import { readNpy } from "../npy";
import type { EsmSource } from "../rank";
import { ESM_WEIGHTS } from "../registry";
import type { BlobFileCache } from "./esm-cache";
import { SOURCE_MEAN_EMBEDDING } from "./options";

export interface RegistryEsmMeta {
  esmRepo: string;
  taskId: string;
  subset: string | null;
  language: string | null;
  taskType: string | null;
  synthetic: boolean;
  /** sha256 of source_mean_embedding.npy, when the ESM repo stores one. */
  meanEmbeddingSha: string | null;
}

export interface RegistrySources {
  sources: EsmSource<RegistryEsmMeta>[];
  /** Milliseconds spent reading and parsing weights so far (load() calls). */
  loadMs(): number;
}

/** Every public ESM of a base model at its indexed commit, weights read through the local blob cache. */
export async function registryEsmSources(db: Db, cache: BlobFileCache, baseModel: string): Promise<RegistrySources> {
  const esms = await db.esmInfo.findMany({
    where: { baseModel: { in: baseModelAliases(baseModel) }, repo: { is: { private: false } } },
    include: { repo: { select: { fullName: true } } },
    orderBy: { repo: { fullName: "asc" } },
  });
  const files = await db.commitFile.findMany({
    where: { commitId: { in: esms.map((e) => e.commitId) }, path: { in: [ESM_WEIGHTS, SOURCE_MEAN_EMBEDDING] } },
    select: { commitId: true, path: true, blobSha256: true },
  });
  const blobOf = new Map(files.map((f) => [`${f.commitId}/${f.path}`, f.blobSha256]));
  let loadMs = 0;
  const sources = esms.map((e): EsmSource<RegistryEsmMeta> => {
    const weightsSha = blobOf.get(`${e.commitId}/${ESM_WEIGHTS}`);
    return {
      id: e.repo.fullName,
      meta: {
        esmRepo: e.repo.fullName, taskId: e.taskId, subset: e.subset, language: e.language, taskType: e.taskType,
        synthetic: e.synthetic, meanEmbeddingSha: blobOf.get(`${e.commitId}/${SOURCE_MEAN_EMBEDDING}`) ?? null,
      },
      async load() {
        if (!weightsSha) throw new Error(`${ESM_WEIGHTS} is missing at commit ${e.commitId.slice(0, 8)}`);
        const started = performance.now();
        try {
          const { weight, bias, dim } = parseEsmWeights(await cache.read(weightsSha));
          return { weight, bias, dim };
        } finally {
          loadMs += performance.now() - started;
        }
      },
    };
  });
  return { sources, loadMs: () => loadMs };
}

/** A source mean embedding file as float64 (D values), or an error naming what is wrong. */
export async function readMeanEmbedding(cache: BlobFileCache, sha: string, d: number): Promise<Float64Array> {
  const npy = readNpy(await cache.read(sha));
  const size = npy.shape.reduce((a, b) => a * b, 1);
  if (size !== d || !(npy.shape.length === 1 || (npy.shape.length === 2 && npy.shape[0] === 1))) {
    throw new Error(`${SOURCE_MEAN_EMBEDDING} has shape (${npy.shape.join(", ")}), expected (${d},)`);
  }
  if (npy.data instanceof BigInt64Array) throw new Error(`${SOURCE_MEAN_EMBEDDING} must be float32 or float64`);
  return Float64Array.from(npy.data as ArrayLike<number>);
}
