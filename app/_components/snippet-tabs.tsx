"use client";

import { useId, useState } from "react";
import type { Snippet } from "@/lib/site/snippets";
import { CopyButton } from "./copy-button";

/** "Use this ESM": the first snippet is visible without a click; arrow keys move between tabs. */
export function SnippetTabs({ snippets }: { snippets: Snippet[] }) {
  const [active, setActive] = useState(0);
  const id = useId();
  const current = snippets[active];
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div role="tablist" aria-label="Usage snippets" className="flex items-center gap-1 border-b border-zinc-200 bg-zinc-50 px-2 dark:border-zinc-800 dark:bg-zinc-900">
        {snippets.map((s, i) => (
          <button
            key={s.id}
            role="tab"
            id={`${id}-tab-${i}`}
            aria-selected={i === active}
            aria-controls={`${id}-panel`}
            tabIndex={i === active ? 0 : -1}
            onClick={() => setActive(i)}
            onKeyDown={(e) => {
              if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
              const next = (i + (e.key === "ArrowRight" ? 1 : snippets.length - 1)) % snippets.length;
              setActive(next);
              document.getElementById(`${id}-tab-${next}`)?.focus();
            }}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${i === active ? "border-indigo-600 font-semibold text-zinc-900 dark:text-zinc-100" : "border-transparent text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200"}`}
          >
            {s.label}
          </button>
        ))}
        <CopyButton text={current.code} className="ml-auto" />
      </div>
      <pre id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${active}`} className="overflow-x-auto bg-white p-4 text-[0.8rem] leading-relaxed dark:bg-zinc-950">
        <code>{current.code}</code>
      </pre>
    </div>
  );
}
