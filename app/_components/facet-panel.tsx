import Link from "next/link";
import { formatCount } from "@/lib/site/format";
import { FACET_PARAMS, searchHref, type EsmSearchState, type FacetParam } from "@/lib/site/search-params";

export type FacetCounts = Record<keyof typeof FACET_PARAMS, { value: string; count: number }[]>;

const TITLES: Record<keyof typeof FACET_PARAMS, string> = {
  baseModel: "Base model",
  taskType: "Task type",
  language: "Language",
  architecture: "Architecture",
  embeddingDim: "Embedding dim",
  owner: "Owner",
};

const SHOWN = 6;

function FacetLink({ path, state, param, value, count }: { path: string; state: EsmSearchState; param: FacetParam; value: string; count: number }) {
  const selected = String(state[param] ?? "") === value;
  return (
    <li>
      <Link
        href={searchHref(path, state, { [param]: selected ? undefined : value })}
        aria-current={selected ? "true" : undefined}
        className={`flex items-center justify-between gap-2 rounded-md px-2 py-1 text-sm ${selected ? "bg-indigo-50 font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
      >
        <span className="min-w-0 truncate" title={value}>
          {selected && <span aria-hidden>✓ </span>}
          {param === "dim" ? `D = ${value}` : value}
        </span>
        <span className="shrink-0 tabular-nums text-xs text-zinc-500 dark:text-zinc-400">{formatCount(count)}</span>
      </Link>
    </li>
  );
}

/** Facets with counts that match the result list (each counted with the other filters applied). */
export function FacetPanel({ path, state, counts, idPrefix }: { path: string; state: EsmSearchState; counts: FacetCounts; idPrefix: string }) {
  return (
    <div className="space-y-5">
      {(Object.keys(FACET_PARAMS) as (keyof typeof FACET_PARAMS)[]).map((facet) => {
        const param = FACET_PARAMS[facet];
        const values = counts[facet] ?? [];
        const selected = state[param] !== undefined ? String(state[param]) : null;
        // A selected value stays visible even when it is not among the most frequent.
        const head = values.slice(0, SHOWN);
        if (selected && !head.some((v) => v.value === selected)) head.push(values.find((v) => v.value === selected) ?? { value: selected, count: 0 });
        const rest = values.slice(SHOWN).filter((v) => v.value !== selected);
        return (
          <section key={facet} aria-labelledby={`${idPrefix}-${param}`}>
            <h3 id={`${idPrefix}-${param}`} className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              {TITLES[facet]}
            </h3>
            {values.length === 0 && !selected ? (
              <p className="px-2 text-sm text-zinc-400">none</p>
            ) : (
              <ul>
                {head.map((v) => (
                  <FacetLink key={v.value} path={path} state={state} param={param} value={v.value} count={v.count} />
                ))}
              </ul>
            )}
            {rest.length > 0 && (
              <details className="mt-1">
                <summary className="cursor-pointer px-2 text-xs font-medium text-indigo-600 dark:text-indigo-400">{rest.length} more</summary>
                <ul className="mt-1 max-h-64 overflow-y-auto">
                  {rest.map((v) => (
                    <FacetLink key={v.value} path={path} state={state} param={param} value={v.value} count={v.count} />
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
    </div>
  );
}
