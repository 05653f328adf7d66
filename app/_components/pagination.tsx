import Link from "next/link";
import { pageWindow } from "@/lib/site/search-params";

/** Page links; `hrefFor` keeps the rest of the URL state. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const item = "inline-flex h-9 min-w-9 items-center justify-center rounded-md px-2 text-sm";
  return (
    <nav aria-label="Pagination" className="mt-6 flex flex-wrap items-center justify-center gap-1">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={`${item} hover:bg-zinc-100 dark:hover:bg-zinc-800`} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={`${item} text-zinc-400 dark:text-zinc-600`}>← Previous</span>
      )}
      {pageWindow(page, pageCount).map((p, i) =>
        p === null ? (
          <span key={`gap-${i}`} className={`${item} text-zinc-400`} aria-hidden>
            …
          </span>
        ) : (
          <Link
            key={p}
            href={hrefFor(p)}
            aria-current={p === page ? "page" : undefined}
            className={`${item} ${p === page ? "bg-indigo-600 font-semibold text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
          >
            {p}
          </Link>
        ),
      )}
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={`${item} hover:bg-zinc-100 dark:hover:bg-zinc-800`} rel="next">
          Next →
        </Link>
      ) : (
        <span className={`${item} text-zinc-400 dark:text-zinc-600`}>Next →</span>
      )}
    </nav>
  );
}
