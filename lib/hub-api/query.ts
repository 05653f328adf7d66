import { HttpError } from "./http";

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

const SORTS: Record<string, SortKey> = {
  downloads: "downloads", downloadsAllTime: "downloads", likes: "downloads", likes30d: "downloads", trendingScore: "downloads",
  lastModified: "lastModified", updatedAt: "lastModified", createdAt: "createdAt", id: "id", modelId: "id",
};

/** A boolean query parameter as both clients send them (`true`, `1`, or present without a value). */
export const truthy = (v: string | null) => v !== null && v !== "false" && v !== "0";

/** A non-negative integer query parameter, `fallback` when absent; anything else is a 400. */
export function nonNegativeInt(value: string | null, name: string, fallback: number): number {
  if (value === null || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, `${name} must be a non-negative integer`);
  return n;
}

/** Parses the query of `GET /api/models` / `/api/datasets` (the parameters both stock clients send). */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const sortParam = params.get("sort");
  const sort = sortParam ? SORTS[sortParam] : "downloads";
  if (!sort) throw new HttpError(400, `unknown sort "${sortParam}"; use one of ${Object.keys(SORTS).join(", ")}`);
  const direction = params.get("direction");
  const filters = params.getAll("filter");
  const pipeline = params.get("pipeline_tag");
  if (pipeline) filters.push(pipeline);
  return {
    search: (params.get("search") ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8),
    author: params.get("author") || undefined,
    filters,
    sort,
    descending: direction === null || direction === "" ? sort !== "id" : Number(direction) < 0,
    limit: Math.min(Math.max(nonNegativeInt(params.get("limit"), "limit", MAX_PAGE), 1), MAX_PAGE),
    offset: nonNegativeInt(params.get("offset"), "offset", 0),
    expand: new Set([...params.getAll("expand"), ...params.getAll("expand[]")]),
    full: truthy(params.get("full")),
    config: truthy(params.get("config")),
    cardData: truthy(params.get("cardData")),
  };
}
