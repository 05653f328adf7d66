import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentUser } from "@/app/_lib/session";
import { RankingProgress } from "@/app/_components/ranking/ranking-progress";
import { ResultsTable } from "@/app/_components/ranking/results-table";
import { ScoreChart } from "@/app/_components/ranking/score-chart";
import { filterResults, jobView, resultFilterFrom } from "@/lib/jobs";
import { registry } from "@/lib/registry";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const TOP_K = 5;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Ranking ${id}` };
}

function Timings({ t }: { t: NonNullable<Awaited<ReturnType<typeof jobView>>>["timings"] }) {
  if (!t) return null;
  const parts = [
    t.loadTarget !== undefined && `target ${t.loadTarget} s`,
    t.embed !== undefined && `embedding ${t.embed} s${t.embedCached ? " (cached)" : ""}`,
    t.rank !== undefined && `ESM-LogME ${t.rank} s for ${t.esms ?? "?"} ESMs (reading weights ${t.loadWeights} s, overlapped)`,
    t.baselines !== undefined && `baselines ${t.baselines} s`,
    t.total !== undefined && `total ${t.total} s`,
  ].filter(Boolean);
  return <p className="text-xs text-zinc-500">Time: {parts.join(" · ")}</p>;
}

export default async function RankingPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { db } = registry();
  const job = await db.rankingJob.findUnique({ where: { id }, select: { createdById: true, datasetRepo: { select: { private: true, owner: true } } } });
  if (!job) notFound();
  const user = await currentUser();
  if (job.datasetRepo.private && user?.name !== job.datasetRepo.owner) notFound();
  const view = (await jobView(db, id))!;
  const filter = resultFilterFrom(await searchParams);
  const rows = filterResults(view.results, filter);
  const languages = [...new Set(view.results.map((r) => r.language).filter((l): l is string => Boolean(l)))].sort();
  const taskTypes = [...new Set(view.results.map((r) => r.taskType).filter((t): t is string => Boolean(t)))].sort();
  const query = new URLSearchParams({ ...(filter.language ? { language: filter.language } : {}), ...(filter.taskType ? { task_type: filter.taskType } : {}) }).toString();
  const logme = view.baselines?.logme && "score" in view.baselines.logme ? view.baselines.logme.score : null;
  const canCancel = Boolean(user && (!job.createdById || job.createdById === user.id));

  return (
    <main className="mx-auto max-w-7xl space-y-6 px-4 py-6">
      <header className="border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <p className="text-sm text-zinc-500">Ranking</p>
        <h1 className="mt-1 text-xl font-semibold">
          Intermediate datasets for{" "}
          <Link href={`/datasets/${view.dataset}`} className="link font-mono">
            {view.dataset}
          </Link>
        </h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Base model <span className="font-mono">{view.baseModel}</span> · dataset commit <span className="font-mono">{view.datasetCommitId.slice(0, 8)}</span> · status{" "}
          <span data-testid="ranking-status" className="font-medium">{view.status}</span>
        </p>
      </header>

      {!view.finished && (
        <RankingProgress
          id={id}
          canCancel={canCancel}
          initial={{ status: view.status, phase: view.phase, done: view.done, total: view.total, rate: view.rate, etaSeconds: view.etaSeconds, error: view.error, finished: false }}
        />
      )}
      {view.status === "failed" && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          The ranking failed: {view.error}
        </p>
      )}
      {view.status === "cancelled" && <p className="text-sm text-zinc-600">This ranking was cancelled.</p>}

      {view.status === "done" && (
        <>
          <section className="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
            <strong>How to use this ranking:</strong> take the top {TOP_K} as candidates and try each as an intermediate task; the
            first place alone is not reliably the best (ESM-LogME predicts well on average, not for every single pair).
          </section>
          {view.synthetic && (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="synthetic-warning">
              ⚠ This ranking includes demo ESMs with synthetic weights that were never trained: their scores show how the hub works
              and say nothing about transfer.
            </p>
          )}
          <ScoreChart scores={view.results.map((r) => r.score)} topK={TOP_K} baseline={logme} />

          <div className="flex flex-wrap items-end justify-between gap-3">
            <form method="get" className="flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="language" className="label">Language</label>
                <select id="language" name="language" defaultValue={filter.language ?? ""} className="input w-auto">
                  <option value="">all</option>
                  {languages.map((l) => <option key={l} value={l}>{l}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor="task_type" className="label">Task type</label>
                <select id="task_type" name="task_type" defaultValue={filter.taskType ?? ""} className="input w-auto">
                  <option value="">all</option>
                  {taskTypes.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
              </div>
              <button type="submit" className="btn-secondary">Filter</button>
            </form>
            <p className="flex gap-3 text-sm">
              <a href={`/api/rankings/${id}/export?format=csv${query ? `&${query}` : ""}`} className="link" data-testid="export-csv">Export CSV</a>
              <a href={`/api/rankings/${id}/export?format=json${query ? `&${query}` : ""}`} className="link" data-testid="export-json">Export JSON</a>
            </p>
          </div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {rows.length} of {view.results.length} ESMs{query ? " match the filters" : ""}. Share this page: its address keeps the filters.
          </p>
          <ResultsTable rows={rows} topK={TOP_K} />

          <section aria-labelledby="baselines" className="space-y-1 text-sm">
            <h2 id="baselines" className="text-base font-semibold">Baselines</h2>
            {view.baselines?.logme && (
              <p data-testid="baseline-logme">
                LogME on the raw base embeddings (no ESM):{" "}
                {"score" in view.baselines.logme ? <span className="font-mono">{view.baselines.logme.score.toFixed(6)}</span> : view.baselines.logme.unavailable}
                {" "}— a reference row: sources scoring above it changed the target&apos;s embedding space in a useful direction.
              </p>
            )}
            {view.baselines?.textEmb && ("ranked" in view.baselines.textEmb ? (
              <details>
                <summary>TextEmb (cosine of mean embeddings): {view.baselines.textEmb.ranked.length} ESMs with source_mean_embedding.npy</summary>
                <ol className="ml-6 list-decimal">
                  {view.baselines.textEmb.ranked.slice(0, 20).map((r) => (
                    <li key={r.esmRepo}><span className="font-mono text-xs">{r.esmRepo}</span> {r.score.toFixed(4)}</li>
                  ))}
                </ol>
              </details>
            ) : (
              <p>TextEmb is not available: {view.baselines.textEmb.unavailable}.</p>
            ))}
            {!view.baselines?.logme && !view.baselines?.textEmb && <p>No baselines were requested.</p>}
          </section>
          {view.skipped.length > 0 && (
            <details className="text-sm">
              <summary>{view.skipped.length} ESMs skipped</summary>
              <ul className="ml-6 list-disc">
                {view.skipped.map((s) => <li key={s.esmRepo}><span className="font-mono text-xs">{s.esmRepo}</span>: {s.reason}</li>)}
              </ul>
            </details>
          )}
          <Timings t={view.timings} />
        </>
      )}
    </main>
  );
}
