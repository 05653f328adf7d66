import type { Metadata } from "next";
import Link from "next/link";
import { esmFacetCounts, registry, searchEsms } from "@/lib/registry";
import { plural } from "@/lib/site/format";
import { activeFilterCount, FACET_PARAMS, parseEsmSearch, PAGE_SIZE, searchHref, SORTS, toRegistryQuery } from "@/lib/site/search-params";
import { EmptyState } from "../_components/empty-state";
import { EsmRow } from "../_components/esm-row";
import { FacetPanel } from "../_components/facet-panel";
import { Pagination } from "../_components/pagination";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const state = parseEsmSearch(await searchParams);
  return { title: state.q ? `“${state.q}” — ESMs` : "ESMs" };
}

const PATH = "/esms";

export default async function EsmsPage({ searchParams }: Props) {
  const state = parseEsmSearch(await searchParams);
  const query = toRegistryQuery(state);
  const { db } = registry();
  const [result, counts] = await Promise.all([searchEsms(db, query), esmFacetCounts(db, query)]);
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const filters = (Object.values(FACET_PARAMS)).filter((p) => state[p] !== undefined);
  const now = new Date();

  return (
    <main className="mx-auto max-w-7xl px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Embedding Space Maps</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {plural(result.total, "ESM")}
            {state.q ? (
              <>
                {" "}matching <strong className="text-zinc-900 dark:text-zinc-100">“{state.q}”</strong>
              </>
            ) : null}
          </p>
        </div>
        <nav aria-label="Sort" className="flex items-center gap-1 text-sm">
          <span className="mr-1 text-zinc-500">Sort:</span>
          {SORTS.map((s) => (
            <Link
              key={s.value}
              href={searchHref(PATH, state, { sort: s.value })}
              aria-current={state.sort === s.value ? "true" : undefined}
              className={`rounded-md px-2.5 py-1 ${state.sort === s.value ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"}`}
            >
              {s.label}
            </Link>
          ))}
        </nav>
      </div>

      <form action={PATH} role="search" className="mt-4 flex gap-2">
        <label htmlFor="esm-q" className="sr-only">
          Full-text search
        </label>
        <input
          id="esm-q"
          name="q"
          type="search"
          defaultValue={state.q}
          placeholder="Search repo ids, task ids, subsets, columns and card text"
          className="input h-10"
        />
        {(["base_model", "task_type", "language", "architecture", "dim", "owner"] as const).map((p) =>
          state[p] !== undefined ? <input key={p} type="hidden" name={p} value={String(state[p])} /> : null,
        )}
        {state.sort !== "downloads" && <input type="hidden" name="sort" value={state.sort} />}
        <button type="submit" className="btn-primary h-10">
          Search
        </button>
      </form>

      {filters.length > 0 && (
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-zinc-500">Filters:</span>
          {filters.map((p) => (
            <Link
              key={p}
              href={searchHref(PATH, state, { [p]: undefined })}
              className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2.5 py-0.5 text-indigo-700 hover:bg-indigo-100 dark:bg-indigo-950 dark:text-indigo-300"
              aria-label={`Remove filter ${p.replace("_", " ")}: ${state[p]}`}
            >
              {p.replace("_", " ")}: {String(state[p])} <span aria-hidden>×</span>
            </Link>
          ))}
          <Link href={searchHref(PATH, state, { base_model: undefined, task_type: undefined, language: undefined, architecture: undefined, dim: undefined, owner: undefined })} className="link">
            Clear all
          </Link>
        </div>
      )}

      <div className="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside aria-label="Filters" className="order-2 lg:order-1">
          <details className="lg:hidden" open={activeFilterCount(state) > 0}>
            <summary className="btn-secondary mb-3 cursor-pointer">Filters</summary>
            <FacetPanel path={PATH} state={state} counts={counts} idPrefix="facet-m" />
          </details>
          <div className="hidden lg:block">
            <FacetPanel path={PATH} state={state} counts={counts} idPrefix="facet" />
          </div>
        </aside>
        <section aria-label="Results" className="order-1 min-w-0 lg:order-2">
          {result.repos.length === 0 ? (
            result.total > 0 ? (
              <EmptyState title={`Page ${state.page} is past the last page`} actions={[{ href: searchHref(PATH, state, { page: 1 }), label: "Go to page 1", primary: true }]} />
            ) : (
              <EmptyState
                title={state.q ? `No ESMs match “${state.q}”${filters.length ? " with these filters" : ""}` : "No ESMs match these filters"}
                actions={[
                  ...(filters.length ? [{ href: searchHref(PATH, state, { base_model: undefined, task_type: undefined, language: undefined, architecture: undefined, dim: undefined, owner: undefined }), label: "Clear filters", primary: true }] : []),
                  ...(state.q ? [{ href: searchHref(PATH, state, { q: undefined }), label: "Clear search" }] : []),
                  { href: "/new", label: "Publish an ESM" },
                ]}
              >
                Search looks at repo ids, task ids, subsets, columns and model cards. Try fewer or shorter words, or remove a filter.
              </EmptyState>
            )
          ) : (
            <ul className="grid grid-cols-1 gap-3">
              {result.repos.map((repo) => (
                <EsmRow key={repo.id} repo={repo} now={now} />
              ))}
            </ul>
          )}
          <Pagination page={state.page} pageCount={pageCount} hrefFor={(p) => searchHref(PATH, state, { page: p })} />
        </section>
      </div>
    </main>
  );
}
