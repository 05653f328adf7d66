import { parseTargetFile, previewTarget, type TargetPreview } from "../datasets";
import { parseTargetConfig, TARGET_CONFIG } from "../targets/config";

const DATA_FILE = /\.(csv|tsv|tab|jsonl|ndjson|json|parquet)$/i;

/** Files larger than this are not parsed for a page preview (the page must stay fast). */
export const PREVIEW_MAX_BYTES = 4 * 1024 * 1024;

export interface ManifestEntry {
  path: string;
  size: number;
  /** Content address: previews are kept per content, so a page view parses a file once per process. */
  blobSha256?: string;
}

const CACHED_PREVIEWS = 200;
const previews = new Map<string, PreviewResult>();

/** The data file of a target dataset repo: the one esmhub-target.json names, else the first data-like file. */
export async function targetDataFile(files: ManifestEntry[], read: (path: string) => Promise<Uint8Array>): Promise<ManifestEntry | null> {
  if (files.some((f) => f.path === TARGET_CONFIG)) {
    try {
      const config = parseTargetConfig(new TextDecoder().decode(await read(TARGET_CONFIG)));
      const named = files.find((f) => f.path === config.file);
      if (named) return named;
    } catch {
      // an unreadable config falls back to guessing from file names
    }
  }
  return files.find((f) => DATA_FILE.test(f.path) && f.path !== TARGET_CONFIG && !f.path.endsWith("config.json")) ?? null;
}

export type PreviewResult = { ok: true; file: string; preview: TargetPreview } | { ok: false; file: string | null; reason: string };

/** The first rows, column types and detected columns of a target dataset repo, or why there is no preview. */
export async function datasetPreview(files: ManifestEntry[], read: (path: string) => Promise<Uint8Array>, rows = 10): Promise<PreviewResult> {
  const file = await targetDataFile(files, read);
  if (!file) return { ok: false, file: null, reason: "This repo has no CSV, TSV, JSONL or Parquet file to preview." };
  if (file.size > PREVIEW_MAX_BYTES) return { ok: false, file: file.path, reason: `${file.path} is too large to preview on this page.` };
  const key = file.blobSha256 ? `${file.blobSha256}:${file.path}:${rows}` : null;
  const cached = key ? previews.get(key) : undefined;
  if (cached) return cached;
  let result: PreviewResult;
  try {
    const parsed = await parseTargetFile(await read(file.path), { filename: file.path });
    result = { ok: true, file: file.path, preview: previewTarget(parsed, rows) };
  } catch (err) {
    result = { ok: false, file: file.path, reason: `${file.path} could not be read: ${(err as Error).message}` };
  }
  if (key) {
    previews.set(key, result);
    if (previews.size > CACHED_PREVIEWS) previews.delete(previews.keys().next().value!);
  }
  return result;
}
