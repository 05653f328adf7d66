import Link from "next/link";
import { formatCount, timeAgo } from "@/lib/site/format";
import { Badge, SyntheticBadge, TaskTypeBadge } from "./badges";

export interface EsmRowData {
  fullName: string;
  downloads: number;
  updatedAt: Date;
  esm: {
    baseModel: string;
    taskId: string;
    subset: string | null;
    taskType: string;
    language: string | null;
    embeddingDim: number;
    legacy: boolean;
    synthetic: boolean;
  } | null;
}

/** One ESM in a list: id, what it was trained on, and the facts people filter by. */
export function EsmRow({ repo, now }: { repo: EsmRowData; now: Date }) {
  const esm = repo.esm;
  return (
    <li className="group relative rounded-lg border border-zinc-200 p-4 transition-colors focus-within:ring-2 focus-within:ring-indigo-500 hover:border-indigo-300 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:border-indigo-700 dark:hover:bg-zinc-900">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="min-w-0 truncate font-mono text-[0.95rem] font-semibold">
          <Link href={`/${repo.fullName}`} title={repo.fullName} className="after:absolute after:inset-0 focus-visible:outline-none group-focus-within:underline">
            {repo.fullName}
          </Link>
        </h3>
        <p className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
          <span title="downloads of config.json, all time">↓ {formatCount(repo.downloads)}</span>
          <span className="mx-1.5" aria-hidden>·</span>
          <time dateTime={repo.updatedAt.toISOString()}>updated {timeAgo(repo.updatedAt, now)}</time>
        </p>
      </div>
      {esm && (
        <>
          <p className="mt-1 truncate text-sm text-zinc-600 dark:text-zinc-400">
            {esm.taskId}
            {esm.subset && esm.subset !== "default" ? ` · ${esm.subset}` : ""} → <span className="font-mono text-[0.8rem]">{esm.baseModel}</span>
          </p>
          <div className="mt-2 flex flex-wrap gap-1.5">
            <TaskTypeBadge taskType={esm.taskType} />
            {esm.language && <Badge>{esm.language}</Badge>}
            <Badge>D = {esm.embeddingDim}</Badge>
            {esm.legacy && <Badge tone="neutral">legacy v0.1</Badge>}
            {esm.synthetic && <SyntheticBadge />}
          </div>
        </>
      )}
    </li>
  );
}
