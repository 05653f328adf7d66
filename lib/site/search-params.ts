import { z } from "zod";

/** Search-page state, exactly as it sits in the URL so a search can be shared and the back button works. */
export interface EsmSearchState {
  q: string;
  base_model?: string;
  task_type?: "classification" | "regression" | "unknown";
  language?: string;
  architecture?: string;
  dim?: number;
  owner?: string;
  sort: "downloads" | "recent" | "name";
  page: number;
}

export type FacetParam = "base_model" | "task_type" | "language" | "architecture" | "dim" | "owner";

/** URL parameter of each registry facet. */
export const FACET_PARAMS = {
  baseModel: "base_model",
  taskType: "task_type",
  language: "language",
  architecture: "architecture",
  embeddingDim: "dim",
  owner: "owner",
} as const satisfies Record<string, FacetParam>;

export const SORTS = [
  { value: "downloads", label: "Most downloads" },
  { value: "recent", label: "Recently updated" },
  { value: "name", label: "Name" },
] as const;

export const PAGE_SIZE = 20;

const text = (max: number) => z.string().trim().max(max).optional().catch(undefined);

const schema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  base_model: text(200),
  task_type: z.enum(["classification", "regression", "unknown"]).optional().catch(undefined),
  language: text(100),
  architecture: text(100),
  dim: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  owner: text(100),
  sort: z.enum(["downloads", "recent", "name"]).catch("downloads").default("downloads"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

type RawParams = Record<string, string | string[] | undefined>;

function first(raw: RawParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "") out[k] = value;
  }
  return out;
}

/** Reads the search state from Next's searchParams; bad values fall back to defaults instead of failing the page. */
export function parseEsmSearch(raw: RawParams): EsmSearchState {
  const parsed = schema.parse(first(raw));
  const state: EsmSearchState = { q: parsed.q, sort: parsed.sort, page: parsed.page };
  for (const key of ["base_model", "task_type", "language", "architecture", "dim", "owner"] as const) {
    const value = parsed[key];
    if (value !== undefined && value !== "") (state as unknown as Record<string, unknown>)[key] = value;
  }
  return state;
}

/** The registry query for a search state. */
export function toRegistryQuery(state: EsmSearchState, pageSize = PAGE_SIZE) {
  return {
    q: state.q || undefined,
    baseModel: state.base_model,
    taskType: state.task_type,
    language: state.language,
    architecture: state.architecture,
    embeddingDim: state.dim,
    owner: state.owner,
    sort: state.sort,
    page: state.page,
    pageSize,
  };
}

/** Number of active facet filters (not counting the text query). */
export function activeFilterCount(state: EsmSearchState): number {
  return Object.values(FACET_PARAMS).filter((p) => state[p] !== undefined).length;
}

/**
 * The URL of `path` with the state changed by `changes` (undefined removes a key). Any change other than the page
 * sends the user back to page 1, so a narrowed search never lands on an empty page. Defaults stay out of the URL.
 */
export function searchHref(path: string, state: EsmSearchState, changes: Partial<Record<keyof EsmSearchState, string | number | undefined>>): string {
  const next: Record<string, string | number | undefined> = { ...state, ...changes };
  if (!("page" in changes)) next.page = undefined;
  const params = new URLSearchParams();
  for (const key of ["q", "base_model", "task_type", "language", "architecture", "dim", "owner", "sort", "page"] as const) {
    const value = next[key];
    if (value === undefined || value === "") continue;
    if (key === "sort" && value === "downloads") continue;
    if (key === "page" && Number(value) === 1) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Page numbers to show around `page` (with null for a gap): 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pageCount: number, radius = 2): (number | null)[] {
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - radius; p <= page + radius; p++) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].filter((p) => p >= 1).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of sorted) {
    if (out.length && p - (out[out.length - 1] as number) > 1) out.push(null);
    out.push(p);
  }
  return out;
}
