import { HttpError } from "./http";
import { likePieces, searchTerms } from "../registry/search";

export type SortKey = "downloads" | "lastModified" | "createdAt" | "id";

export interface ListQuery {
  search: string[];
  author?: string;
  filters: string[];
  sort: SortKey;
  descending: boolean;
  limit: number;
  offset: number;
  expand: Set<string>;
  full: boolean;
  config: boolean;
  cardData: boolean;
}

export const MAX_PAGE = 1000;
/** Deeper pages are refused: a database skips an offset row by row, and no client pages this far. */
export const MAX_OFFSET = 100_000;
/** At most this many `filter=` tags: each is a condition, and the Hub's own pages never send more than a few. */
export const MAX_FILTERS = 20;

// A Map, not an object literal: `sort=__proto__` or `sort=constructor` must not find Object.prototype's members.
const SORTS = new Map<string, SortKey>([
  ["downloads", "downloads"], ["downloadsAllTime", "downloads"], ["likes", "downloads"], ["likes30d", "downloads"],
  ["trendingScore", "downloads"], ["lastModified", "lastModified"], ["updatedAt", "lastModified"], ["createdAt", "createdAt"],
  ["id", "id"], ["modelId", "id"],
]);

/** A boolean query parameter as both clients send them (`true`, `1`, or present without a value). */
export const truthy = (v: string | null) => v !== null && v !== "false" && v !== "0";

/**
 * A non-negative integer query parameter written in plain digits, `fallback` when absent; anything else (`-1`, `1e3`,
 * `0x10`, `NaN`, `1.5`) is a 400, as is a value over `max`, so that no caller hands the database a huge skip.
 */
export function nonNegativeInt(value: string | null, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === null || value === "") return fallback;
  if (!/^\d{1,16}$/.test(value)) throw new HttpError(400, `${name} must be a non-negative integer`);
  const n = Number(value);
  if (n > max) throw new HttpError(400, `${name} must be at most ${max}`);
  return n;
}

/** `limit`: over the largest page is clamped to it, as the Hub does; 0 reads as 1. */
export function pageLimit(value: string | null, fallback: number, max: number): number {
  return Math.min(Math.max(nonNegativeInt(value, "limit", fallback), 1), max);
}

/** `direction`: `-1` (descending) or `1`; absent means the sort's natural order. */
function descendingOf(direction: string | null, sort: SortKey): boolean {
  if (direction === null || direction === "") return sort !== "id";
  if (direction === "-1" || direction === "1") return direction === "-1";
  throw new HttpError(400, `direction must be -1 or 1`);
}

/** Parses the query of `GET /api/models` / `/api/datasets` (the parameters both stock clients send). */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const sortParam = params.get("sort");
  const sort = sortParam ? SORTS.get(sortParam) : "downloads";
  if (!sort) throw new HttpError(400, `unknown sort ${JSON.stringify(sortParam!.slice(0, 40))}; use one of ${[...SORTS.keys()].join(", ")}`);
  const filters = params.getAll("filter");
  const pipeline = params.get("pipeline_tag");
  if (pipeline) filters.push(pipeline);
  if (filters.length > MAX_FILTERS) throw new HttpError(400, `at most ${MAX_FILTERS} filter tags at once`);
  const search = params.get("search") ?? "";
  const wildcardsOnly = search.split(/\s+/).find((w) => w && likePieces(w).length === 0);
  if (wildcardsOnly) throw new HttpError(400, `search term ${JSON.stringify(wildcardsOnly.slice(0, 40))} has nothing to search for but wildcard characters`);
  return {
    search: searchTerms(search),
    author: params.get("author") || undefined,
    filters,
    sort,
    descending: descendingOf(params.get("direction"), sort),
    limit: pageLimit(params.get("limit"), MAX_PAGE, MAX_PAGE),
    offset: nonNegativeInt(params.get("offset"), "offset", 0, MAX_OFFSET),
    expand: new Set([...params.getAll("expand"), ...params.getAll("expand[]")]),
    full: truthy(params.get("full")),
    config: truthy(params.get("config")),
    cardData: truthy(params.get("cardData")),
  };
}
