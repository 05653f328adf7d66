import { esmModelCard, parseEsmConfig, writeEsmSafetensors } from "../esm";
import { DEMO_BASE_MODEL_HIDDEN, DEMO_BASE_MODEL_ID } from "../registry/known-models";
import { DEMO_ESMS, DEMO_OWNER, type DemoEsmSpec } from "./catalog";
import { demoDataset, loadSubset } from "./datasets";
import { labelStats } from "./table";
import { syntheticEsmMap } from "./synthetic-weights";

/** The two base models of the demo: the paper's pool model, and the hub's offline tiny BERT. */
export const DEMO_BASE_MODELS = {
  mbert: { name: "bert-base-multilingual-uncased", dim: 768 },
  tiny: { name: DEMO_BASE_MODEL_ID, dim: DEMO_BASE_MODEL_HIDDEN },
} as const;

/** Reference sampling: up to 10,000 rows of the train split, seed 42. */
const MAX_EXAMPLES = 10_000;
const SEED = 42;

export interface RepoFile {
  path: string;
  content: Uint8Array;
}

export interface DemoEsm {
  owner: string;
  name: string;
  fullName: string;
  spec: DemoEsmSpec;
  config: Record<string, unknown>;
  files: RepoFile[];
}

/** `ESM_<dataset id with / → __>_<subset>`, as the reference names its repos, plus what tells siblings apart. */
export function demoEsmRepoName(spec: DemoEsmSpec): string {
  const parts = [`ESM_${spec.dataset.replace("/", "__")}`, spec.subset];
  if (spec.variant) parts.push(spec.variant);
  if (spec.base === "tiny") parts.push("demo-bert-tiny");
  return parts.join("_");
}

/** JSON as transformers writes config.json: keys sorted, two-space indent, trailing newline. */
function configJson(config: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.keys(config).sort().map((k) => [k, config[k]]));
  return JSON.stringify(sorted, null, 2) + "\n";
}

const HYPERPARAMETERS_NOT_TRAINED = [
  "lm_num_epochs", "lm_batch_size", "lm_learning_rate", "lm_weight_decay", "lm_optimizer",
  "esm_num_epochs", "esm_batch_size", "esm_learning_rate", "esm_weight_decay", "esm_optimizer",
];

/** config.json, model.safetensors and README.md of one demo ESM, deterministic for a given spec. */
export function buildDemoEsm(spec: DemoEsmSpec): DemoEsm {
  const dataset = demoDataset(spec.dataset);
  const subset = dataset.subsets.find((s) => s.name === spec.subset);
  if (!subset) throw new Error(`${spec.dataset} has no subset ${spec.subset}`);
  const table = loadSubset(dataset, spec.subset);
  const textColumns = spec.textColumns ?? dataset.textColumns;
  const labelColumn = spec.labelColumn ?? dataset.labelColumn;
  for (const c of [...textColumns, labelColumn]) {
    if (!table.columns.includes(c)) throw new Error(`${spec.dataset} (${spec.subset}) has no column ${c}`);
  }
  const base = DEMO_BASE_MODELS[spec.base];
  const name = demoEsmRepoName(spec);

  const config: Record<string, unknown> = {
    base_model_name: base.name,
    task_id: dataset.id,
    task_subset: spec.subset,
    text_column: textColumns.length === 1 ? textColumns[0] : textColumns,
    label_column: labelColumn,
    task_split: "train",
    task_type: dataset.taskType,
    num_examples: Math.min(MAX_EXAMPLES, table.rows.length),
    seed: SEED,
    language: subset.language,
    esm_architecture: "linear",
    developers: `${DEMO_OWNER} (synthetic demo weights, not trained)`,
    synthetic_weights: true,
    esm_embedding_dim: base.dim,
    version: spec.legacy ? "0.1.0" : "0.2.0",
    ...Object.fromEntries(HYPERPARAMETERS_NOT_TRAINED.map((k) => [k, null])),
  };

  const stats = labelStats(table.rows, labelColumn, dataset.taskType);
  const { weight, bias } = syntheticEsmMap({
    dim: base.dim,
    datasetKey: `${dataset.id}|${labelColumn}`,
    esmKey: name,
    rank: stats.taskType === "classification" ? stats.numClasses - 1 : 1,
  });
  const configText = configJson(config);
  const card = esmModelCard(parseEsmConfig(configText), { synthetic: true });
  const encode = (s: string) => new TextEncoder().encode(s);
  return {
    owner: DEMO_OWNER,
    name,
    fullName: `${DEMO_OWNER}/${name}`,
    spec,
    config,
    files: [
      { path: "config.json", content: encode(configText) },
      { path: "model.safetensors", content: writeEsmSafetensors(weight, bias, base.dim, spec.legacy ?? false) },
      { path: "README.md", content: encode(card) },
    ],
  };
}

export function buildDemoEsms(): DemoEsm[] {
  return DEMO_ESMS.map(buildDemoEsm);
}
