// `tsx scripts/seed-rank-bench.ts --count 1000 --dim 32`: a registry of many synthetic ESMs for timing rankings.
import { Command } from "commander";
import { pathToFileURL } from "node:url";
import { esmModelCard, parseEsmConfig, writeEsmSafetensors } from "../lib/esm";
import { writeNpy } from "../lib/npy";
import { Prng } from "../lib/demo/prng";
import { syntheticEsmMap } from "../lib/demo/synthetic-weights";
import { commitFiles, createRepo, createUser, DEMO_BASE_MODEL_ID, findRepo, type Actor, type RegistryContext } from "../lib/registry";

export interface BenchSeedOptions {
  count: number;
  baseModel?: string;
  dim?: number;
  owner?: string;
  /** Every k-th ESM also stores source_mean_embedding.npy (0: none). */
  meanEvery?: number;
  log?: (message: string) => void;
}

/** The owner of bench ESMs, created on first use. */
export async function benchActor(ctx: RegistryContext, owner = "rank-bench"): Promise<Actor> {
  const user = (await ctx.db.user.findUnique({ where: { name: owner } })) ?? (await createUser(ctx.db, { name: owner }));
  return { id: user.id, name: user.name, scope: "write" };
}

/** Publishes `count` synthetic ESMs (deterministic per index) through the registry; existing ones are kept. */
export async function seedBenchEsms(ctx: RegistryContext, opts: BenchSeedOptions): Promise<string[]> {
  const baseModel = opts.baseModel ?? DEMO_BASE_MODEL_ID;
  const dim = opts.dim ?? 32;
  const actor = await benchActor(ctx, opts.owner);
  const names: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const group = i % 25;
    const name = `ESM_bench__source-${String(i).padStart(4, "0")}_d${dim}`;
    const fullName = `${actor.name}/${name}`;
    names.push(fullName);
    if (await findRepo(ctx, "esm", fullName)) continue;
    const config = {
      base_model_name: baseModel,
      task_id: `rank-bench/source-${String(group).padStart(2, "0")}`,
      task_subset: `part-${i}`,
      text_column: "text",
      label_column: "label",
      task_split: "train",
      task_type: "classification",
      num_examples: 1000,
      seed: 42,
      language: ["en", "de", "fr"][i % 3],
      esm_architecture: "linear",
      esm_embedding_dim: dim,
      version: "0.2.0",
    };
    const configText = JSON.stringify(config, null, 2) + "\n";
    const { weight, bias } = syntheticEsmMap({ dim, datasetKey: `bench-${group}`, esmKey: name, rank: 1 + (i % 3) });
    const files = [
      { path: "config.json", content: new TextEncoder().encode(configText) },
      { path: "model.safetensors", content: writeEsmSafetensors(weight, bias, dim) },
      { path: "README.md", content: new TextEncoder().encode(esmModelCard(parseEsmConfig(configText), { synthetic: true })) },
    ];
    if (opts.meanEvery && i % opts.meanEvery === 0) {
      const prng = new Prng(`mean-${name}`);
      const mean = Float32Array.from({ length: dim }, () => prng.normal());
      files.push({ path: "source_mean_embedding.npy", content: writeNpy({ data: mean, shape: [dim] }) });
    }
    await createRepo(ctx, actor, { kind: "esm", name });
    await commitFiles(ctx, actor, { kind: "esm", repo: fullName, message: "Add synthetic bench ESM", files });
    if (opts.log && (i + 1) % 100 === 0) opts.log(`${i + 1}/${opts.count} ESMs`);
  }
  return names;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const program = new Command()
    .name("seed-rank-bench")
    .description("Publish many synthetic ESMs (rank-bench/…) into the configured registry, for timing rankings")
    .option("--count <n>", "number of ESMs", "1000")
    .option("--dim <d>", "embedding dimension (32 for the demo base model, 768 for BERT-base)", "32")
    .option("--base-model <id>", "base model the ESMs claim", DEMO_BASE_MODEL_ID)
    .option("--mean-every <k>", "every k-th ESM stores source_mean_embedding.npy (0: none)", "10")
    .parse();
  const o = program.opts<{ count: string; dim: string; baseModel: string; meanEvery: string }>();
  const { migrate } = await import("../lib/migrate");
  const { registry } = await import("../lib/registry");
  await migrate();
  const ctx = registry();
  const started = performance.now();
  const names = await seedBenchEsms(ctx, {
    count: Number(o.count), dim: Number(o.dim), baseModel: o.baseModel, meanEvery: Number(o.meanEvery), log: (m) => console.log(m),
  });
  console.log(`seed-rank-bench: ${names.length} ESMs for ${o.baseModel} (D=${o.dim}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await ctx.db.$disconnect();
}
