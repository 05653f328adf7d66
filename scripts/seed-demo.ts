// `npm run seed`: publish the demo registry (real datasets, synthetic ESMs) into an empty registry.
import { Command } from "commander";
import { seedDemo } from "../lib/demo";
import { migrate } from "../lib/migrate";
import { registry } from "../lib/registry";

const program = new Command()
  .name("seed-demo")
  .description("Seed an empty registry with the demo ESMs (synthetic weights) and their real source datasets")
  .option("--force", "add the missing demo repos even when the registry already has ESMs")
  .parse();
const { force } = program.opts<{ force?: boolean }>();

const started = performance.now();
await migrate();
const ctx = registry();
try {
  const r = await seedDemo(ctx, { force });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(r.skipped
    ? `esmhub: registry already has ${r.existingEsms} ESMs; demo seeding skipped (npm run seed -- --force adds missing demo repos)`
    : `esmhub: demo registry: ${r.demoEsms} ESMs (${r.esmsCreated} new), ${r.datasets} datasets, ${r.targetCreated ? "target created" : "target present"}, ${seconds} s`);
} finally {
  await ctx.db.$disconnect();
}
