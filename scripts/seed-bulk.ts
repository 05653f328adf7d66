// `tsx scripts/seed-bulk.ts --count 10000`: fills a registry with many small synthetic ESMs (D = 32) through the
// registry API, to measure how the site behaves at scale. Every ESM is tagged synthetic-weights. Idempotent per name.
import { Command } from "commander";
import { esmModelCard, parseEsmConfig, writeEsmSafetensors } from "../lib/esm";
import { migrate } from "../lib/migrate";
import { commitFiles, createRepo, createUser, findUserByName, registry, type Actor } from "../lib/registry";
import { uniformGenerator } from "../lib/random";

const program = new Command()
  .name("seed-bulk")
  .description("Seed N synthetic ESMs (D = 32) into the registry of ESMHUB_DATA_DIR / DATABASE_URL")
  .option("--count <n>", "number of ESMs", "10000")
  .option("--owner <name>", "user that owns them", "bulk-seed")
  .option("--dim <d>", "embedding dimension", "32")
  .option("--concurrency <n>", "repos committed at once", "4")
  .parse();
const opts = program.opts<{ count: string; owner: string; dim: string; concurrency: string }>();
const count = Number(opts.count);
const dim = Number(opts.dim);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer (got ${opts.count})`);
if (!Number.isInteger(dim) || dim < 1 || dim > 1024) throw new Error(`--dim must be an integer from 1 to 1024 (got ${opts.dim})`);

// Base model ids the hub does not know accept any D, so a small D keeps blobs and seeding fast.
const BASE_MODELS = ["bulk/bert-mini-sim", "bulk/roberta-sim", "bulk/xlmr-sim", "bulk/minilm-sim", "bulk/e5-sim"];
const LANGUAGES = ["en", "de", "fr", "es", "ar", "zh", "ja", "ru", "pt", "multilingual"];
const WORDS = ["reviews", "news", "tweets", "legal", "medical", "sentiment", "topics", "intent", "toxicity", "emotion", "spam", "qa", "nli", "paraphrase", "sarcasm", "stance"];
const SUBSETS = ["default", "en", "plain_text", "small", "full", "v2"];

// A handful of weight files shared by all ESMs: blobs are content-addressed, so the store holds only these.
const WEIGHT_VARIANTS = Array.from({ length: 8 }, (_, v) => {
  const r = uniformGenerator(1000 + v);
  const w = new Float32Array(dim * dim).map(() => (r() - 0.5) * 0.2);
  for (let i = 0; i < dim; i++) w[i * dim + i] += 1;
  return writeEsmSafetensors(w, new Float32Array(dim).map(() => (r() - 0.5) * 0.01), dim);
});

function esmFiles(i: number) {
  const r = uniformGenerator(i + 1);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const dataset = `bulk-org-${i % 97}/${pick(WORDS)}-${pick(WORDS)}-${Math.floor(i / 5)}`;
  const taskType = r() < 0.7 ? "classification" : "regression";
  const raw = {
    base_model_name: BASE_MODELS[i % BASE_MODELS.length],
    task_id: dataset,
    task_subset: pick(SUBSETS),
    text_column: r() < 0.2 ? ["premise", "hypothesis"] : "text",
    label_column: taskType === "classification" ? "label" : "score",
    task_split: "train",
    num_examples: 500 + Math.floor(r() * 9500),
    seed: 42,
    language: pick(LANGUAGES),
    esm_architecture: "linear",
    esm_embedding_dim: dim,
    task_type: taskType,
    version: "0.2.0",
  };
  const configText = JSON.stringify(raw, null, 2);
  const card = esmModelCard(parseEsmConfig(configText), { synthetic: true });
  const enc = new TextEncoder();
  return {
    name: `ESM_bulk_${String(i).padStart(6, "0")}`,
    downloads: Math.floor(r() ** 3 * 5000),
    files: [
      { path: "config.json", content: enc.encode(configText) },
      { path: "model.safetensors", content: WEIGHT_VARIANTS[i % WEIGHT_VARIANTS.length] },
      { path: "README.md", content: enc.encode(card) },
    ],
  };
}

await migrate();
const ctx = registry();
// Seeding is a bulk load: on SQLite, skip fsync per transaction (a crash mid-seed only loses seed data).
if (!process.env.DATABASE_URL) {
  await ctx.db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  await ctx.db.$executeRawUnsafe("PRAGMA synchronous=OFF");
}
const started = performance.now();
try {
  const user = (await findUserByName(ctx.db, opts.owner)) ?? (await createUser(ctx.db, { name: opts.owner, fullname: "Bulk seed (synthetic ESMs)" }));
  const actor: Actor = { id: user.id, name: user.name, scope: "write" };
  const existing = new Set((await ctx.db.repo.findMany({ where: { owner: user.name, kind: "esm" }, select: { name: true } })).map((r) => r.name));
  let created = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const esm = esmFiles(i);
      if (existing.has(esm.name)) continue;
      const repo = await createRepo(ctx, actor, { kind: "esm", name: esm.name });
      await commitFiles(ctx, actor, { kind: "esm", repo: `${user.name}/${esm.name}`, message: "Add synthetic bulk ESM", files: esm.files });
      await ctx.db.repo.update({ where: { id: repo.id }, data: { downloads: esm.downloads } });
      if (++created % 500 === 0) console.log(`seed-bulk: ${created} created (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(opts.concurrency) || 1) }, worker));
  const total = await ctx.db.repo.count({ where: { kind: "esm" } });
  console.log(`seed-bulk: ${created} new ESMs under ${user.name}/ in ${((performance.now() - started) / 1000).toFixed(1)} s; ${total} ESMs in the registry`);
} finally {
  await ctx.db.$disconnect();
}
