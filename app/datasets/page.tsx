import type { Metadata } from "next";
import Link from "next/link";
import { registry } from "@/lib/registry";
import { datasetListHref, listDatasets, parseDatasetList } from "@/lib/site/datasets";
import { datasetHref } from "@/lib/site/esm-view";
import { formatCount, plural } from "@/lib/site/format";
import { Badge, TaskTypeBadge } from "../_components/badges";
import { EmptyState } from "../_components/empty-state";
import { Pagination } from "../_components/pagination";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Datasets" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const KINDS = [
  { value: "all", label: "All" },
  { value: "source", label: "With ESMs" },
  { value: "target", label: "Uploaded targets" },
] as const;

const PAGE_SIZE = 30;

export default async function DatasetsPage({ searchParams }: Props) {
  const state = parseDatasetList(await searchParams);
  const result = await listDatasets(registry().db, state, PAGE_SIZE);

  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="text-2xl font-bold tracking-tight">Datasets</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Source datasets that ESMs were trained on, and target datasets uploaded to rank them against. {plural(result.total, "dataset")}.
      </p>

      {state.base_model && (
        <div role="note" className="mt-4 rounded-md border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
          Ranking with base model <span className="font-mono">{state.base_model}</span>: pick a target dataset below. Source counts show ESMs for this base model only.{" "}
          <Link href={datasetListHref(state, { base_model: undefined })} className="underline">
            Show all base models
          </Link>
        </div>
      )}

      <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center">
        <form action="/datasets" role="search" className="flex w-full min-w-0 flex-1 gap-2">
          <label htmlFor="ds-q" className="sr-only">
            Filter datasets by id
          </label>
          <input id="ds-q" name="q" type="search" defaultValue={state.q} placeholder="Filter by dataset id" className="input" />
          {state.kind !== "all" && <input type="hidden" name="kind" value={state.kind} />}
          {state.base_model && <input type="hidden" name="base_model" value={state.base_model} />}
          <button className="btn-secondary" type="submit">
            Filter
          </button>
        </form>
        <nav aria-label="Dataset kind" className="flex flex-wrap gap-1 text-sm">
          {KINDS.map((k) => (
            <Link
              key={k.value}
              href={datasetListHref(state, { kind: k.value })}
              aria-current={state.kind === k.value ? "true" : undefined}
              className={`rounded-md px-2.5 py-1 ${state.kind === k.value ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"}`}
            >
              {k.label}
            </Link>
          ))}
        </nav>
      </div>

      <div className="mt-6">
        {result.items.length === 0 ? (
          <EmptyState
            title={state.q ? `No datasets match “${state.q}”` : state.kind === "target" ? "No target datasets uploaded yet" : "No datasets yet"}
            actions={[
              ...(state.q || state.kind !== "all" ? [{ href: "/datasets", label: "Show all datasets", primary: true }] : []),
              { href: "/esms", label: "Browse ESMs" },
            ]}
          >
            {state.kind === "target"
              ? "Target datasets are uploaded with the ranking feature or the esmhub CLI; each lists its columns, labels and a preview."
              : "Datasets appear here as soon as an ESM trained on them is published."}
          </EmptyState>
        ) : (
          <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
            {result.items.map((d) => (
              <li key={d.id} className="relative rounded-lg border border-zinc-200 p-4 hover:border-indigo-300 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:border-indigo-700 dark:hover:bg-zinc-900">
                <Link href={datasetHref(d.id)} className="block truncate font-mono text-sm font-semibold after:absolute after:inset-0">
                  {d.id}
                </Link>
                <div className="mt-2 flex flex-wrap items-center gap-1.5">
                  {d.target && <Badge tone="indigo">target</Badge>}
                  {d.taskType && <TaskTypeBadge taskType={d.taskType} />}
                  {d.language && <Badge>{d.language}</Badge>}
                  <span className="text-xs text-zinc-500">
                    {plural(d.esmCount, "ESM")}
                    {d.numRows != null ? ` · ${formatCount(d.numRows)} rows` : ""}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={state.page} pageCount={Math.ceil(result.total / PAGE_SIZE)} hrefFor={(p) => datasetListHref(state, { page: p })} />
      </div>
    </main>
  );
}
