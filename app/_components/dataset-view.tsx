import Link from "next/link";
import { notFound } from "next/navigation";
import { commitManifest, datasetWithEsms, getFile, readBlob, registry } from "@/lib/registry";
import { datasetPreview, type PreviewResult } from "@/lib/site/dataset-preview";
import { formatCount, plural } from "@/lib/site/format";
import { Badge, SyntheticBadge, TaskTypeBadge } from "./badges";
import { EmptyState } from "./empty-state";
import { RankTargetSlot } from "./rank-target-slot";

type LabelStats =
  | { taskType: "classification"; numClasses: number; classCounts: number[]; labelNames?: string[] }
  | { taskType: "regression"; mean: number; std: number; min: number; max: number };

function parseJson<T>(text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

async function previewOf(repo: { id: string; fullName: string }): Promise<PreviewResult> {
  const ctx = registry();
  const branch = await ctx.db.branch.findUnique({ where: { repoId_name: { repoId: repo.id, name: "main" } } });
  if (!branch) return { ok: false, file: null, reason: "This dataset repo has no commits yet." };
  const manifest = await commitManifest(ctx, branch.commitId);
  return datasetPreview(manifest, async (path) => {
    const f = await getFile(ctx, "dataset", repo.fullName, branch.commitId, path);
    return readBlob(ctx, f.file.blobSha256);
  });
}

function LabelStatsView({ stats }: { stats: LabelStats }) {
  if (stats.taskType === "regression") {
    return (
      <dl className="grid grid-cols-4 gap-2 text-sm">
        {(["mean", "std", "min", "max"] as const).map((k) => (
          <div key={k} className="rounded-md bg-zinc-50 p-2 dark:bg-zinc-900">
            <dt className="text-xs text-zinc-500">{k}</dt>
            <dd className="font-mono">{Number(stats[k]).toPrecision(4)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  const total = stats.classCounts.reduce((a, b) => a + b, 0) || 1;
  return (
    <ul className="space-y-1.5 text-sm">
      {stats.classCounts.map((count, i) => {
        const label = stats.labelNames?.[i] ?? String(i);
        const pct = (100 * count) / total;
        return (
          <li key={label} className="grid grid-cols-[8rem_1fr_5rem] items-center gap-3">
            <span className="truncate font-mono text-xs" title={label}>{label}</span>
            <span className="h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden>
              <span className="block h-full rounded-full bg-indigo-500" style={{ width: `${pct}%` }} />
            </span>
            <span className="text-right tabular-nums text-xs text-zinc-600 dark:text-zinc-400">
              {formatCount(count)} ({pct.toFixed(1)}%)
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A dataset page: what the hub knows about it, the uploaded target's preview, and every ESM trained on it. */
export async function DatasetView({ id }: { id: string }) {
  const { dataset, esms } = await datasetWithEsms(registry().db, id);
  if (!dataset && esms.length === 0) notFound();
  const repo = dataset?.repo && !dataset.repo.private ? dataset.repo : null;
  const isTarget = Boolean(repo);
  const columns = parseJson<{ name: string; type: string }[]>(dataset?.columns);
  const textColumns = parseJson<string[]>(dataset?.textColumns) ?? [];
  const stats = parseJson<LabelStats>(dataset?.labelStats);
  const preview = repo ? await previewOf(repo) : null;
  const baseModels = [...new Set(esms.map((e) => e.baseModel))];

  return (
    <main className="mx-auto max-w-7xl px-4 py-6">
      <header className="border-b border-zinc-200 pb-5 dark:border-zinc-800">
        <p className="text-sm text-zinc-500">
          <Link href="/datasets" className="hover:underline">
            Datasets
          </Link>
        </p>
        <h1 className="mt-1 break-all font-mono text-xl font-semibold sm:text-2xl">{id}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-1.5">
          {isTarget ? <Badge tone="indigo">uploaded target</Badge> : <Badge>source dataset</Badge>}
          {dataset?.taskType && <TaskTypeBadge taskType={dataset.taskType} />}
          {dataset?.language && <Badge>{dataset.language}</Badge>}
          {dataset?.numRows != null && <Badge>{plural(dataset.numRows, "row")}</Badge>}
          <Badge>{plural(esms.length, "ESM")}</Badge>
        </div>
        {dataset?.description && <p className="mt-3 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">{dataset.description}</p>}
        {isTarget && <RankTargetSlot datasetId={id} />}
      </header>

      <div className="mt-6 space-y-10">
        {(columns || stats) && (
          <section aria-labelledby="columns" className="grid gap-6 md:grid-cols-2">
            {columns && (
              <div>
                <h2 id="columns" className="mb-3 text-lg font-semibold">Columns</h2>
                <table className="card w-full overflow-hidden text-sm">
                  <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                    {columns.map((c) => (
                      <tr key={c.name}>
                        <td className="px-3 py-1.5 font-mono text-xs">{c.name}</td>
                        <td className="px-3 py-1.5 text-zinc-600 dark:text-zinc-400">{c.type}</td>
                        <td className="px-3 py-1.5 text-right">
                          {textColumns.includes(c.name) && <Badge tone="sky">text</Badge>}
                          {dataset?.labelColumn === c.name && <Badge tone="emerald">label</Badge>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {stats && (
              <div>
                <h2 className="mb-3 text-lg font-semibold">Labels{dataset?.labelColumn ? <span className="ml-2 font-mono text-sm font-normal text-zinc-500">{dataset.labelColumn}</span> : null}</h2>
                <LabelStatsView stats={stats} />
              </div>
            )}
          </section>
        )}

        {preview && (
          <section aria-labelledby="preview">
            <h2 id="preview" className="mb-3 text-lg font-semibold">
              Preview {preview.ok && <span className="text-sm font-normal text-zinc-500">first {preview.preview.rows.length} of {formatCount(preview.preview.totalRows)} rows · {preview.file}</span>}
            </h2>
            {preview.ok ? (
              <div className="card overflow-x-auto">
                <table className="w-full text-sm">
                  <thead className="bg-zinc-50 text-left dark:bg-zinc-900">
                    <tr>
                      {preview.preview.columns.map((c) => (
                        <th key={c.name} className="whitespace-nowrap px-3 py-2 font-medium">
                          <span className="font-mono text-xs">{c.name}</span> <span className="text-xs font-normal text-zinc-500">{c.type}</span>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                    {preview.preview.rows.map((row, i) => (
                      <tr key={i}>
                        {preview.preview.columns.map((c) => (
                          <td key={c.name} className="max-w-md truncate px-3 py-1.5 align-top" title={String(row[c.name] ?? "")}>
                            {row[c.name] === null ? <span className="text-zinc-400">null</span> : String(row[c.name])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{preview.reason}</p>
            )}
          </section>
        )}

        <section aria-labelledby="esms">
          <h2 id="esms" className="mb-3 text-lg font-semibold">
            ESMs trained on this dataset <span className="text-sm font-normal text-zinc-500">({esms.length}{baseModels.length ? ` · ${plural(baseModels.length, "base model")}` : ""})</span>
          </h2>
          {esms.length === 0 ? (
            <EmptyState
              title={isTarget ? "This is a target dataset" : "No ESMs for this dataset yet"}
              actions={[{ href: "/new", label: "Publish an ESM", primary: !isTarget }, { href: "/esms", label: "Browse ESMs" }]}
            >
              {isTarget ? "Target datasets are ranked against ESMs of other datasets; none are trained on it." : "Train an ESM on this dataset and publish it to make the dataset rankable."}
            </EmptyState>
          ) : (
            <div className="card overflow-x-auto">
              <table className="w-full text-sm">
                <thead className="table-head">
                  <tr>
                    <th className="px-3 py-2 font-medium">ESM</th>
                    <th className="px-3 py-2 font-medium">Subset</th>
                    <th className="px-3 py-2 font-medium">Split</th>
                    <th className="px-3 py-2 font-medium">Base model</th>
                    <th className="px-3 py-2 text-right font-medium">D</th>
                    <th className="px-3 py-2 text-right font-medium">Downloads</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                  {esms.map((e) => (
                    <tr key={e.repoId}>
                      <td className="px-3 py-2">
                        <Link href={`/${e.repo.fullName}`} className="link font-mono text-xs">
                          {e.repo.fullName}
                        </Link>
                        {e.synthetic && (
                          <span className="ml-2">
                            <SyntheticBadge />
                          </span>
                        )}
                      </td>
                      <td className="px-3 py-2">{e.subset ?? "—"}</td>
                      <td className="px-3 py-2">{e.split ?? "—"}</td>
                      <td className="px-3 py-2">
                        <Link href={`/esms?base_model=${encodeURIComponent(e.baseModel)}`} className="font-mono text-xs hover:underline">
                          {e.baseModel}
                        </Link>
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{e.embeddingDim}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{formatCount(e.repo.downloads)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </main>
  );
}
