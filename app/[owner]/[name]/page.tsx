import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { parseCard } from "@/lib/registry";
import { datasetHref, esmMetadataRows } from "@/lib/site/esm-view";
import { formatBytes, formatCount, formatDateTime, plural, shortSha, timeAgo } from "@/lib/site/format";
import { usageSnippets } from "@/lib/site/snippets";
import { Badge, SyntheticBadge, TaskTypeBadge } from "../../_components/badges";
import { CopyButton } from "../../_components/copy-button";
import { EmptyState } from "../../_components/empty-state";
import { Markdown } from "../../_components/markdown";
import { SnippetTabs } from "../../_components/snippet-tabs";
import { decodeParam, loadEsmRepo } from "../../_lib/esm-repo";
import { requestOrigin } from "../../_lib/origin";
import { currentUser } from "../../_lib/session";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `${decodeParam(owner)}/${decodeParam(name)}` };
}

function SectionTitle({ id, children, aside }: { id: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <div className="mb-3 flex items-baseline justify-between gap-4">
      <h2 id={id} className="scroll-mt-20 text-lg font-semibold">
        {children}
      </h2>
      {aside}
    </div>
  );
}

export default async function EsmPage({ params }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const owner = decodeParam(rawOwner);
  const name = decodeParam(rawName);
  const data = await loadEsmRepo(owner, name);
  if (!data) notFound();
  const { repo, esm, files, commits, commitCount, headCommitId } = data;
  const [user, origin] = await Promise.all([currentUser(), requestOrigin()]);
  const isOwner = user?.name === repo.owner;
  const card = repo.cardText ? parseCard(repo.cardText).body.trim() : "";
  const meta = esm ? esmMetadataRows(esm) : null;
  const now = new Date();
  const fileHref = (path: string) => `/${repo.fullName}/resolve/main/${path.split("/").map(encodeURIComponent).join("/")}`;
  const totalSize = files.reduce((s, f) => s + f.size, 0);

  return (
    <main className="mx-auto max-w-7xl px-4 py-6">
      <header className="border-b border-zinc-200 pb-5 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 break-all font-mono text-xl font-semibold sm:text-2xl">
            <Link href={`/${repo.owner}`} className="text-zinc-500 hover:underline dark:text-zinc-400">
              {repo.owner}
            </Link>
            <span className="mx-1 text-zinc-400">/</span>
            {repo.name}
          </h1>
          <CopyButton text={repo.fullName} label="Copy id" />
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-1.5">
          {esm?.synthetic && <SyntheticBadge />}
          {esm && (
            <>
              <TaskTypeBadge taskType={esm.taskType} href={`/esms?task_type=${esm.taskType}`} />
              <Badge tone="indigo" href={`/esms?base_model=${encodeURIComponent(esm.baseModel)}`} title="Other ESMs for this base model">
                base: {esm.baseModel}
              </Badge>
              <Badge href={datasetHref(esm.taskId)} title="The dataset this ESM was trained on">
                dataset: {esm.taskId}
              </Badge>
              {esm.language && <Badge href={`/esms?language=${encodeURIComponent(esm.language)}`}>{esm.language}</Badge>}
              <Badge href={`/esms?dim=${esm.embeddingDim}`}>D = {esm.embeddingDim}</Badge>
              {esm.legacy && <Badge>legacy v0.1</Badge>}
            </>
          )}
          <Badge>embedding_space_map</Badge>
        </div>
        <nav aria-label="Sections" className="mt-4 flex flex-wrap gap-x-5 gap-y-2 text-sm font-medium">
          <a href="#card" className="hover:text-indigo-600">Model card</a>
          <a href="#files" className="hover:text-indigo-600">Files <span className="text-zinc-500">({files.length})</span></a>
          <a href="#history" className="hover:text-indigo-600">History <span className="text-zinc-500">({commitCount})</span></a>
          {isOwner && (
            <Link href={`/${repo.fullName}/edit`} className="text-indigo-600 hover:underline dark:text-indigo-400">
              Edit card / settings
            </Link>
          )}
        </nav>
      </header>

      <div className="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-10">
          {esm ? (
            <section aria-labelledby="use">
              <SectionTitle id="use">Use this ESM</SectionTitle>
              <SnippetTabs snippets={usageSnippets({ repoId: repo.fullName, origin })} />
            </section>
          ) : (
            <EmptyState title="This repo holds no ESM yet">
              {isOwner ? "Upload config.json and model.safetensors to make it an ESM." : "The owner has not uploaded config.json and model.safetensors yet."}
            </EmptyState>
          )}

          <section aria-labelledby="card">
            <SectionTitle id="card" aside={isOwner ? <Link href={`/${repo.fullName}/edit`} className="link text-sm">Edit model card</Link> : undefined}>
              Model card
            </SectionTitle>
            {card ? (
              <div className="card p-5">
                <Markdown source={card} />
              </div>
            ) : (
              <EmptyState title="No model card yet">{isOwner ? "Describe what this ESM was trained on and how to use it." : "The owner has not written a card."}</EmptyState>
            )}
          </section>

          <section aria-labelledby="files">
            <SectionTitle id="files" aside={<span className="text-sm text-zinc-500">{formatBytes(totalSize)} in total</span>}>
              Files
            </SectionTitle>
            <div className="card overflow-x-auto">
              <table className="w-full text-sm">
                <thead className="table-head">
                  <tr>
                    <th className="px-4 py-2 font-medium">Path</th>
                    <th className="px-4 py-2 text-right font-medium">Size</th>
                    <th className="px-4 py-2 text-right font-medium"><span className="sr-only">Download</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                  {files.map((f) => (
                    <tr key={f.path}>
                      <td className="px-4 py-2 font-mono text-[0.8rem]">{f.path}</td>
                      <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums text-zinc-600 dark:text-zinc-400">{formatBytes(f.size)}</td>
                      <td className="px-4 py-2 text-right">
                        <a href={fileHref(f.path)} download className="link whitespace-nowrap" aria-label={`Download ${f.path}`}>
                          ↓ Download
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="history">
            <SectionTitle id="history" aside={<span className="text-sm text-zinc-500">{plural(commitCount, "commit")}</span>}>
              History
            </SectionTitle>
            <ol className="card divide-y divide-zinc-200 dark:divide-zinc-800">
              {commits.map((c) => (
                <li key={c.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2.5 text-sm">
                  <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800" title={c.id}>
                    {shortSha(c.id)}
                  </code>
                  <span className="min-w-0 flex-1 truncate">{c.message}</span>
                  {c.id === headCommitId && <Badge tone="emerald">main</Badge>}
                  <span className="text-xs text-zinc-500">
                    {c.author?.name ?? "deleted user"} · <time dateTime={c.createdAt.toISOString()} title={formatDateTime(c.createdAt)}>{timeAgo(c.createdAt, now)}</time>
                  </span>
                </li>
              ))}
            </ol>
            {commitCount > commits.length && <p className="mt-2 text-xs text-zinc-500">Showing the latest {commits.length}.</p>}
          </section>
        </div>

        <aside className="space-y-6">
          <div className="card p-4">
            <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Downloads</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{formatCount(repo.downloads)}</p>
            <p className="mt-1 text-xs text-zinc-500">All-time downloads of model.safetensors (the weights; the CLI counts a whole-repo download once).</p>
          </div>

          {esm && (
            <div className="card p-4">
              <h2 className="text-sm font-semibold">Rank a target with this base model</h2>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                Pick a target dataset to rank every ESM for <span className="font-mono text-xs">{esm.baseModel}</span> against it.
              </p>
              <Link href={`/datasets?kind=target&base_model=${encodeURIComponent(esm.baseModel)}`} className="btn-secondary mt-3 w-full">
                Choose a target dataset →
              </Link>
            </div>
          )}

          {meta && (
            <div className="card">
              <h2 className="border-b border-zinc-200 px-4 py-2.5 text-sm font-semibold dark:border-zinc-800">Metadata (config.json)</h2>
              <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800/60">
                {[...meta.rows, ...meta.hyperparameters].map((r) => (
                  <div key={r.label} className="grid grid-cols-[9.5rem_1fr] gap-2 px-4 py-1.5">
                    <dt className="text-zinc-500 dark:text-zinc-400">{r.label}</dt>
                    <dd className="min-w-0 break-words font-medium">
                      {r.href ? (
                        <Link href={r.href} className="link">
                          {r.value}
                        </Link>
                      ) : (
                        r.value
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
              <details className="border-t border-zinc-200 px-4 py-2.5 text-sm dark:border-zinc-800">
                <summary className="cursor-pointer font-medium">Raw config.json</summary>
                <pre className="mt-2 max-h-80 overflow-auto rounded bg-zinc-50 p-3 text-xs dark:bg-zinc-900">{esm?.config}</pre>
              </details>
            </div>
          )}
        </aside>
      </div>
    </main>
  );
}
