import Link from "next/link";
import { esmFacetCounts, registry, searchEsms, visibleDatasetCount } from "@/lib/registry";
import { formatCount } from "@/lib/site/format";
import { EmptyState } from "./_components/empty-state";
import { EsmRow } from "./_components/esm-row";

export const dynamic = "force-dynamic";

export default async function Home() {
  const { db } = registry();
  const [popular, recent, facets, datasetCount] = await Promise.all([
    searchEsms(db, { sort: "downloads", pageSize: 6 }),
    searchEsms(db, { sort: "recent", pageSize: 6 }),
    esmFacetCounts(db, {}),
    visibleDatasetCount(db),
  ]);
  const now = new Date();

  return (
    <main>
      <section className="border-b border-zinc-200 bg-gradient-to-b from-indigo-50 to-white dark:border-zinc-800 dark:from-indigo-950/40 dark:to-zinc-950">
        <div className="mx-auto max-w-4xl px-4 py-14 text-center">
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Find the intermediate dataset that helps your task</h1>
          <p className="mx-auto mt-4 max-w-2xl text-zinc-600 dark:text-zinc-400">
            Embedding Space Maps are tiny linear models that approximate how fine-tuning on a dataset changes a language model&apos;s embeddings. Rank thousands of datasets for
            your target in minutes instead of fine-tuning on each.
          </p>
          <form action="/esms" role="search" className="mx-auto mt-8 flex max-w-xl gap-2">
            <label htmlFor="home-q" className="sr-only">
              Search ESMs
            </label>
            <input id="home-q" name="q" type="search" placeholder="Search by dataset, task, column or language…" className="input h-11 text-base" />
            <button type="submit" className="btn-primary h-11 px-5">
              Search
            </button>
          </form>
          <dl className="mx-auto mt-8 grid max-w-md grid-cols-3 gap-4 text-center">
            <div>
              <dt className="text-xs uppercase tracking-wide text-zinc-500">ESMs</dt>
              <dd className="text-2xl font-semibold tabular-nums">{formatCount(popular.total)}</dd>
            </div>
            <div>
              <dt className="text-xs uppercase tracking-wide text-zinc-500">Datasets</dt>
              <dd className="text-2xl font-semibold tabular-nums">{formatCount(datasetCount)}</dd>
            </div>
            <div>
              <dt className="text-xs uppercase tracking-wide text-zinc-500">Base models</dt>
              <dd className="text-2xl font-semibold tabular-nums">{formatCount(facets.baseModel.length)}</dd>
            </div>
          </dl>
        </div>
      </section>

      <div className="mx-auto max-w-7xl px-4 py-10">
        {popular.total === 0 ? (
          <EmptyState title="The registry is empty" actions={[{ href: "/new", label: "Publish the first ESM", primary: true }]}>
            Publish an ESM from the browser, or with <span className="font-mono">esmhub publish</span> from a terminal.
          </EmptyState>
        ) : (
          <div className="grid grid-cols-1 gap-10 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_18rem]">
            <section aria-labelledby="popular">
              <div className="mb-3 flex items-baseline justify-between">
                <h2 id="popular" className="text-lg font-semibold">Most downloaded</h2>
                <Link href="/esms" className="link text-sm">All ESMs →</Link>
              </div>
              <ul className="grid grid-cols-1 gap-3">
                {popular.repos.map((r) => <EsmRow key={r.id} repo={r} now={now} />)}
              </ul>
            </section>
            <section aria-labelledby="recent">
              <div className="mb-3 flex items-baseline justify-between">
                <h2 id="recent" className="text-lg font-semibold">Recently updated</h2>
                <Link href="/esms?sort=recent" className="link text-sm">More →</Link>
              </div>
              <ul className="grid grid-cols-1 gap-3">
                {recent.repos.map((r) => <EsmRow key={r.id} repo={r} now={now} />)}
              </ul>
            </section>
            <aside className="min-w-0 space-y-6">
              <section aria-labelledby="by-base">
                <h2 id="by-base" className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">Browse by base model</h2>
                <ul className="space-y-1">
                  {facets.baseModel.slice(0, 8).map((f) => (
                    <li key={f.value}>
                      <Link href={`/esms?base_model=${encodeURIComponent(f.value)}`} className="flex justify-between gap-2 rounded-md px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
                        <span className="truncate font-mono text-xs">{f.value}</span>
                        <span className="text-xs tabular-nums text-zinc-500">{formatCount(f.count)}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="by-task">
                <h2 id="by-task" className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">Browse by task type</h2>
                <div className="flex flex-wrap gap-2">
                  {facets.taskType.map((f) => (
                    <Link key={f.value} href={`/esms?task_type=${f.value}`} className="rounded-full border border-zinc-300 px-3 py-1 text-sm hover:border-indigo-400 dark:border-zinc-700">
                      {f.value} <span className="text-zinc-500">{formatCount(f.count)}</span>
                    </Link>
                  ))}
                </div>
              </section>
              <Link href="/datasets" className="btn-secondary w-full">
                Browse datasets →
              </Link>
            </aside>
          </div>
        )}
      </div>
    </main>
  );
}
