// Generates the demo/test base model: a tiny BERT with seeded random weights, in HF/Xenova folder layout.
// Usage: npx tsx scripts/make-tiny-bert.ts [out-dir] [--seed N]
import path from "node:path";
import { writeTinyBert } from "./tiny-bert/write";

const args = process.argv.slice(2);
const seedAt = args.indexOf("--seed");
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 0;
if (!Number.isSafeInteger(seed) || seed < 0) throw new Error("--seed needs a non-negative integer");
const positional = args.filter((a, i) => !a.startsWith("--") && (seedAt < 0 || i !== seedAt + 1));
const out = path.resolve(positional[0] ?? "models/esmhub-demo-bert-tiny");

const started = performance.now();
await writeTinyBert(out, { seed });
console.log(`wrote ${out} in ${Math.round(performance.now() - started)} ms`);
