// `tsx scripts/measure-pages.ts --base http://127.0.0.1:3000`: server render times of the main pages (sequential
// GETs of the full HTML, after a warm-up), reported as p50/p95 per page. Run it against `npm start`, not `next dev`.
import { Command } from "commander";

const program = new Command()
  .name("measure-pages")
  .description("Measure p50/p95 server page times of a running ESM Hub")
  .option("--base <url>", "origin of the running hub", "http://127.0.0.1:3000")
  .option("--runs <n>", "timed requests per page", "40")
  .option("--q <text>", "search text for the /esms?q= page", "reviews")
  .option("--esm <owner/name>", "ESM page to time (default: the first search result)")
  .option("--dataset <id>", "dataset page to time (default: the first dataset listed)")
  .parse();
const opts = program.opts<{ base: string; runs: string; q: string; esm?: string; dataset?: string }>();
const base = opts.base.replace(/\/+$/, "");
const runs = Number(opts.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${opts.runs})`);

async function get(path: string): Promise<{ ms: number; status: number; html: string }> {
  const started = performance.now();
  const res = await fetch(base + path, { redirect: "manual" });
  const html = await res.text();
  return { ms: performance.now() - started, status: res.status, html };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function firstLink(path: string, pattern: RegExp, what: string): Promise<string> {
  const { html, status } = await get(path);
  const m = pattern.exec(html);
  if (status !== 200 || !m) throw new Error(`could not find ${what} on ${path} (HTTP ${status}); pass it explicitly`);
  return m[1];
}

const esm = opts.esm ?? (await firstLink(`/esms?q=${encodeURIComponent(opts.q)}`, /<h3[^>]*><a[^>]*href="\/([^"?#]+\/[^"?#]+)"/, "an ESM"));
const dataset = opts.dataset ?? (await firstLink("/datasets", /href="\/datasets\/([^"?#]+)"/, "a dataset"));
const pages = ["/", `/esms?q=${encodeURIComponent(opts.q)}`, "/esms", `/${esm}`, `/datasets/${dataset}`, "/datasets"];

const esmCount = /([\d,]+) ESMs?</.exec((await get("/esms")).html)?.[1] ?? "?";
console.log(`measure-pages: ${base}, ${esmCount} ESMs, ${runs} timed runs per page after 3 warm-up requests`);
console.log("page".padEnd(64) + "p50 ms".padStart(9) + "p95 ms".padStart(9) + "max ms".padStart(9));
for (const page of pages) {
  for (let i = 0; i < 3; i++) await get(page);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await get(page);
    if (r.status !== 200) throw new Error(`${page} answered HTTP ${r.status}`);
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const fmt = (v: number) => v.toFixed(0).padStart(9);
  console.log(page.slice(0, 63).padEnd(64) + fmt(percentile(times, 50)) + fmt(percentile(times, 95)) + fmt(times[times.length - 1]));
}
