import Papa from "papaparse";
import type { Db } from "../db";
import { FINISHED, type JobBaselines, type JobOptions, type JobStatus, type JobTimings } from "./options";

export interface ResultView {
  rank: number;
  esmRepo: string;
  taskId: string;
  subset: string | null;
  language: string | null;
  taskType: string | null;
  score: number;
  synthetic: boolean;
}

export interface JobView {
  id: string;
  dataset: string;
  datasetCommitId: string;
  baseModel: string;
  status: JobStatus;
  phase: string;
  done: number;
  total: number;
  /** ESMs per second while ranking. */
  rate: number | null;
  etaSeconds: number | null;
  error: string | null;
  finished: boolean;
  options: Partial<JobOptions>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  timings: JobTimings | null;
  baselines: JobBaselines | null;
  /** Whether any ranked ESM has synthetic (untrained demo) weights. */
  synthetic: boolean;
  results: ResultView[];
  skipped: { esmRepo: string; taskId: string; reason: string }[];
}

function json<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** A job with its ranking as the API and the pages show it; null when there is no such job. */
export async function jobView(db: Db, id: string, opts: { withResults?: boolean } = {}): Promise<JobView | null> {
  const job = await db.rankingJob.findUnique({ where: { id }, include: { datasetRepo: { select: { fullName: true } } } });
  if (!job) return null;
  const status = job.status as JobStatus;
  const finished = FINISHED.includes(status);
  const rows = opts.withResults === false || status !== "done" ? [] : await db.rankingResult.findMany({ where: { jobId: id }, orderBy: [{ position: "asc" }, { esmRepo: "asc" }] });
  const ranked = rows.filter((r) => r.position > 0 && r.score !== null);
  const synthetic = new Set(
    ranked.length === 0 ? [] : (await db.esmInfo.findMany({ where: { synthetic: true, repo: { is: { fullName: { in: ranked.map((r) => r.esmRepo) }, kind: "esm" } } }, select: { repo: { select: { fullName: true } } } })).map((e) => e.repo.fullName),
  );
  const rate = job.status === "running" && job.phase === "ranking" ? job.rate : null;
  return {
    id: job.id,
    dataset: job.datasetRepo.fullName,
    datasetCommitId: job.datasetCommitId,
    baseModel: job.baseModel,
    status,
    phase: job.phase,
    done: job.done,
    total: job.total,
    rate,
    etaSeconds: rate && rate > 0 && job.total > job.done ? (job.total - job.done) / rate : null,
    error: job.error,
    finished,
    options: json<Partial<JobOptions>>(job.options) ?? {},
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    timings: json<JobTimings>(job.timings),
    baselines: json<JobBaselines>(job.baselines),
    synthetic: synthetic.size > 0,
    results: ranked.map((r) => ({
      rank: r.position, esmRepo: r.esmRepo, taskId: r.taskId, subset: r.subset, language: r.language, taskType: r.taskType, score: r.score!, synthetic: synthetic.has(r.esmRepo),
    })),
    skipped: rows.filter((r) => r.position === 0).map((r) => ({ esmRepo: r.esmRepo, taskId: r.taskId, reason: r.skipReason ?? "skipped" })),
  };
}

export interface ResultFilter {
  language?: string;
  taskType?: string;
}

/** The filters of a results page or export, from its query string (unknown values are ignored). */
export function resultFilterFrom(params: URLSearchParams | Record<string, string | string[] | undefined>): ResultFilter {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s && s.length <= 100 ? s : undefined;
  };
  return { language: get("language"), taskType: get("task_type") };
}

/** Rows that match the filters; ranks stay those of the full ranking. */
export function filterResults(results: ResultView[], f: ResultFilter): ResultView[] {
  return results.filter((r) => (!f.language || r.language === f.language) && (!f.taskType || r.taskType === f.taskType));
}

/** The ranking as a table: the columns of the CSV export and of the page. */
const CSV_COLUMNS = ["rank", "source_dataset", "subset", "esm_repo", "language", "task_type", "score", "synthetic"];

/**
 * The CSV export. Task ids, subsets and languages are user-controlled, so text cells that a spreadsheet would run
 * as a formula (=, +, -, @, tab, CR first) are prefixed with ' (OWASP's CSV-injection advice); numbers stay numbers.
 */
export function exportCsv(results: ResultView[]): string {
  return Papa.unparse(exportRows(results), { columns: CSV_COLUMNS, newline: "\n", escapeFormulae: true }) + "\n";
}

export function exportRows(results: ResultView[]) {
  return results.map((r) => ({
    rank: r.rank, source_dataset: r.taskId, subset: r.subset ?? "", esm_repo: r.esmRepo, language: r.language ?? "",
    task_type: r.taskType ?? "", score: r.score, synthetic: r.synthetic,
  }));
}
