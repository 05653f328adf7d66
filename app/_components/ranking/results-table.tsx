import Link from "next/link";
import type { ResultView } from "@/lib/jobs";

const datasetHref = (id: string) => `/datasets/${id.split("/").map(encodeURIComponent).join("/")}`;
const esmHref = (id: string) => `/${id.split("/").map(encodeURIComponent).join("/")}`;

export function ResultsTable({ rows, topK = 5 }: { rows: ResultView[]; topK?: number }) {
  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-sm" data-testid="ranking-table">
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900">
          <tr>
            <th className="px-3 py-2">Rank</th>
            <th className="px-3 py-2">Source dataset</th>
            <th className="px-3 py-2">Subset</th>
            <th className="px-3 py-2">ESM</th>
            <th className="px-3 py-2 text-right">Score</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={r.esmRepo} className={r.rank <= topK ? "bg-indigo-50/60 dark:bg-indigo-950/40" : undefined}>
              <td className="px-3 py-2 font-mono">{r.rank}</td>
              <td className="px-3 py-2">
                <Link href={datasetHref(r.taskId)} className="link">
                  {r.taskId}
                </Link>
                {r.language && <span className="ml-2 text-xs text-zinc-500">{r.language}</span>}
              </td>
              <td className="px-3 py-2">{r.subset ?? "—"}</td>
              <td className="px-3 py-2">
                <Link href={esmHref(r.esmRepo)} className="link break-all font-mono text-xs">
                  {r.esmRepo}
                </Link>
                {r.synthetic && <span className="ml-2 text-xs text-amber-700 dark:text-amber-400">synthetic</span>}
              </td>
              <td className="px-3 py-2 text-right font-mono">{r.score.toFixed(6)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
