import { readFile } from "node:fs/promises";
import { Option, type Command } from "commander";
import { SingleBar, Presets } from "cli-progress";
import { DEFAULT_NUM_EXAMPLES, DEFAULT_SEED, parseTargetFile, prepareTarget, type TaskType } from "../../lib/datasets";
import { DEFAULT_BATCH_SIZE, loadBaseModel } from "../../lib/embed";
import { writeNpyFile } from "../../lib/npy";

interface EmbedCliOptions {
  model: string;
  input: string;
  textColumn?: string[];
  labelColumn?: string;
  taskType?: TaskType;
  numExamples: string;
  seed: string;
  out: string;
  labelsOut?: string;
  batchSize: string;
  hubUrl?: string;
}

function positiveInt(value: string, flag: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`${flag} must be a ${allowZero ? "non-negative" : "positive"} integer`);
  return n;
}

export function register(program: Command): void {
  program
    .command("embed")
    .description("embed a target dataset with a base model (ESM-LogME recipe) into a float32 .npy")
    .requiredOption("--model <dir|id>", "model folder (HF/Xenova layout) or Hub model id")
    .requiredOption("--input <file>", "target data: .csv, .tsv, .jsonl or .parquet")
    .option("--text-column <name...>", "text column(s), joined with \" [SEP] \" (default: detected)")
    .option("--label-column <name>", "label column (default: detected)")
    .addOption(new Option("--task-type <type>", "override the detected task type").choices(["classification", "regression"]))
    .option("--num-examples <n>", "rows to sample (0 = all)", String(DEFAULT_NUM_EXAMPLES))
    .option("--seed <n>", "sampling seed (numpy default_rng, as HF shuffle)", String(DEFAULT_SEED))
    .requiredOption("--out <file.npy>", "where to write the [n, d] float32 embeddings")
    .option("--labels-out <file.npy>", "where to write the labels (int64 for classification, float64 for regression)")
    .option("--batch-size <n>", "texts per forward pass", String(DEFAULT_BATCH_SIZE))
    .option("--hub-url <url>", "Hub-compatible server for model ids (default HF_ENDPOINT or huggingface.co)")
    .action(async (opts: EmbedCliOptions) => {
      const numExamples = positiveInt(opts.numExamples, "--num-examples", true);
      const seed = positiveInt(opts.seed, "--seed", true);
      const batchSize = positiveInt(opts.batchSize, "--batch-size");
      const parsed = await parseTargetFile(new Uint8Array(await readFile(opts.input)), { filename: opts.input });
      const target = prepareTarget(parsed.rows, {
        textColumns: opts.textColumn,
        labelColumn: opts.labelColumn,
        taskType: opts.taskType,
        numExamples: numExamples === 0 ? null : numExamples,
        seed,
      });
      const model = await loadBaseModel(opts.model, { hubUrl: opts.hubUrl });
      const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: "embedding {bar} {value}/{total} texts" }, Presets.shades_classic) : null;
      bar?.start(target.texts.length, 0);
      const started = performance.now();
      try {
        const out = await model.embed(target.texts, { batchSize, onProgress: (p) => bar?.update(p.done) });
        bar?.stop();
        await writeNpyFile(opts.out, { data: out.data, shape: [out.n, out.d] });
        if (opts.labelsOut) {
          const labels = target.labels instanceof Int32Array ? BigInt64Array.from(target.labels, (y) => BigInt(y)) : target.labels;
          await writeNpyFile(opts.labelsOut, { data: labels, shape: [labels.length] });
        }
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `embedded ${out.n} texts (${target.columns.textColumns.join(" + ")} → ${target.columns.labelColumn}, ${target.taskType}) ` +
            `with ${model.id} (${model.pooling} pooling, d=${out.d}, ${model.device}) in ${seconds.toFixed(1)} s → ${opts.out}`,
        );
        if (target.labelNames) console.log(`labels: ${target.labelNames.map((n, i) => `${i}=${n}`).join(", ")}`);
      } finally {
        bar?.stop();
        await model.close();
      }
    });
}
