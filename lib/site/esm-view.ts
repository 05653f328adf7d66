import { parseEsmConfig, type EsmConfig } from "../esm/config";

/** One row of an ESM page's metadata table; `href` makes the value a link. */
export interface MetadataRow {
  label: string;
  value: string;
  href?: string;
}

/** The fields of EsmInfo the page needs (the committed config.json plus what the registry derived from it). */
export interface EsmInfoLike {
  config: string;
  taskId: string;
  taskType: string;
  embeddingDim: number;
  legacy: boolean;
  formatVersion: string | null;
}

const HYPERPARAMETER_LABELS: Record<string, string> = {
  lm_num_epochs: "LM epochs",
  lm_batch_size: "LM batch size",
  lm_learning_rate: "LM learning rate",
  lm_weight_decay: "LM weight decay",
  lm_optimizer: "LM optimizer",
  esm_num_epochs: "ESM epochs",
  esm_batch_size: "ESM batch size",
  esm_learning_rate: "ESM learning rate",
  esm_weight_decay: "ESM weight decay",
  esm_optimizer: "ESM optimizer",
};

function configOf(info: EsmInfoLike): EsmConfig | null {
  try {
    return parseEsmConfig(info.config);
  } catch {
    return null;
  }
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : String(v));

/** The dataset page of a task id (ids may hold a slash, which stays a path separator). */
export function datasetHref(taskId: string): string {
  return "/datasets/" + taskId.split("/").map(encodeURIComponent).join("/");
}

/** The metadata table of an ESM page, from config.json as committed, in the order a reader scans it. */
export function esmMetadataRows(info: EsmInfoLike): { rows: MetadataRow[]; hyperparameters: MetadataRow[] } {
  const c = configOf(info);
  const rows: MetadataRow[] = [
    { label: "Source dataset", value: info.taskId, href: datasetHref(info.taskId) },
    { label: "Subset", value: dash(c?.taskSubset) },
    { label: "Split", value: dash(c?.taskSplit) },
    { label: "Text column", value: c && c.textColumns.length ? c.textColumns.join(", ") : "—" },
    { label: "Label column", value: dash(c?.labelColumn) },
    { label: "Task type", value: info.taskType },
    { label: "Language", value: dash(c?.language) },
    { label: "Examples", value: c?.numExamples == null ? "—" : new Intl.NumberFormat("en-US").format(c.numExamples) },
    { label: "Seed", value: dash(c?.seed) },
    { label: "Base model", value: dash(c?.baseModelName) },
    { label: "Architecture", value: dash(c?.architecture) },
    { label: "Embedding dim (D)", value: String(info.embeddingDim) },
    { label: "Format version", value: dash(info.formatVersion) },
    { label: "Legacy weights (sequential.0.*)", value: info.legacy ? "yes" : "no" },
    { label: "Developers", value: dash(c?.developers) },
  ];
  const hyperparameters = Object.entries(c?.hyperparameters ?? {}).map(([k, v]) => ({ label: HYPERPARAMETER_LABELS[k] ?? k, value: String(v) }));
  return { rows, hyperparameters };
}

/** Suggested repo name for an uploaded ESM, following the reference's convention ESM_<dataset with / → __>_<subset>. */
export function suggestedRepoName(taskId: string, subset: string | null): string {
  const base = `ESM_${taskId.replaceAll("/", "__")}${subset && subset !== "default" ? `_${subset}` : ""}`;
  return base.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/-{2,}/g, "-").replace(/\.{2,}/g, ".").replace(/[-.]+$/, "").slice(0, 96);
}
