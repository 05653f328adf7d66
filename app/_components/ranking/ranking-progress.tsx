"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { JobView } from "@/lib/jobs/view";
import { cancelRanking } from "./actions";

export type ProgressSnapshot = Pick<JobView, "status" | "phase" | "done" | "total" | "rate" | "etaSeconds" | "error" | "finished">;

function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

/** Live progress of a queued or running ranking, polled from GET /api/rankings/{id}; reloads the page when it ends. */
export function RankingProgress({ id, initial, canCancel }: { id: string; initial: ProgressSnapshot; canCancel: boolean }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const res = await fetch(`/api/rankings/${id}`, { cache: "no-store" });
        if (res.ok) {
          const next = (await res.json()) as ProgressSnapshot;
          setOffline(false);
          setP(next);
          if (next.finished) {
            router.refresh();
            return;
          }
        }
      } catch {
        setOffline(true);
      }
      if (!stopped) timer = setTimeout(tick, 1000);
    };
    timer = setTimeout(tick, 500);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, router]);

  const pct = p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 0;
  const unit = p.phase === "embedding" ? "texts" : "ESMs";
  return (
    <section aria-labelledby="progress" className="card p-4" data-testid="ranking-progress">
      <h2 id="progress" className="text-base font-semibold">
        {p.status === "queued" ? "Waiting for a worker…" : "Ranking…"}
      </h2>
      <p className="mt-1 text-sm" aria-live="polite">
        Phase: <span data-testid="phase" className="font-medium">{p.phase}</span>
        {p.total > 0 && (
          <>
            {" "}— <span data-testid="progress-count">{p.done.toLocaleString("en-US")} / {p.total.toLocaleString("en-US")}</span> {unit}
          </>
        )}
        {p.rate !== null && <> · {p.rate.toFixed(1)} ESMs/s · about {eta(p.etaSeconds)} left</>}
      </p>
      <div className="mt-3 h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div className="h-full bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      {p.error && p.status === "queued" && <p className="mt-2 text-xs text-zinc-500">{p.error}</p>}
      {offline && <p className="mt-2 text-xs text-amber-700">Lost contact with the server; retrying…</p>}
      {canCancel && (
        <form action={cancelRanking} className="mt-3">
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="btn-secondary h-8 px-3">
            Cancel ranking
          </button>
        </form>
      )}
    </section>
  );
}
