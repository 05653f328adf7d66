/** Framework-free steps of the ESM upload form, shared by the browser (before sending) and the upload route. */

export interface UploadEntry {
  path: string;
  content: Uint8Array;
}

export const ESM_FILES = ["config.json", "model.safetensors", "README.md"] as const;
export const REQUIRED_FILES = ["config.json", "model.safetensors"] as const;

/** The most an upload may carry; checked in the browser before sending and again by the route. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface PickedFiles {
  files: UploadEntry[];
  missing: string[];
  /** Files that were dropped but are not part of an ESM repo (e.g. train_info.json), shown so nothing vanishes silently. */
  ignored: string[];
}

const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;

/**
 * Picks an ESM's files out of whatever was dropped (single files, a folder or a zip's entries) by file name,
 * so "my-esm/config.json" and "config.json" both work. The shallowest copy wins when a name appears twice.
 */
export function pickEsmFiles(entries: UploadEntry[]): PickedFiles {
  const byName = new Map<string, UploadEntry>();
  const ignored: string[] = [];
  const sorted = [...entries].sort((a, b) => a.path.split("/").length - b.path.split("/").length || a.path.localeCompare(b.path));
  for (const e of sorted) {
    const name = basename(e.path);
    if (name.startsWith(".") || e.path.includes("__MACOSX/")) continue;
    if ((ESM_FILES as readonly string[]).includes(name) && !byName.has(name)) byName.set(name, { path: name, content: e.content });
    else ignored.push(e.path);
  }
  return {
    files: ESM_FILES.filter((n) => byName.has(n)).map((n) => byName.get(n)!),
    missing: REQUIRED_FILES.filter((n) => !byName.has(n)),
    ignored,
  };
}

export interface MetadataEdits {
  taskType?: "classification" | "regression" | "unknown";
  language?: string;
}

/**
 * config.json with the form's edits applied. Unchanged values keep the original bytes, so an ESM uploaded as-is
 * stays byte-identical to what its author published elsewhere.
 */
export function applyMetadataEdits(configText: string, edits: MetadataEdits): string {
  const json = JSON.parse(configText) as Record<string, unknown>;
  let changed = false;
  const taskType = edits.taskType === "unknown" ? undefined : edits.taskType;
  if (edits.taskType !== undefined && (json.task_type ?? undefined) !== taskType) {
    if (taskType) json.task_type = taskType;
    else delete json.task_type;
    changed = true;
  }
  const language = edits.language?.trim() || null;
  if (edits.language !== undefined && (json.language ?? null) !== language) {
    json.language = language;
    changed = true;
  }
  return changed ? JSON.stringify(json, null, 2) + "\n" : configText;
}

export function totalBytes(files: UploadEntry[]): number {
  return files.reduce((s, f) => s + f.content.length, 0);
}
