import Link from "next/link";

const TONES = {
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-300 dark:ring-indigo-800",
  emerald: "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800",
  amber: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800",
  sky: "bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-800",
} as const;

export type Tone = keyof typeof TONES;

const base = "inline-flex max-w-full items-center gap-1 truncate rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset";

export function Badge({ children, tone = "neutral", href, title }: { children: React.ReactNode; tone?: Tone; href?: string; title?: string }) {
  const className = `${base} ${TONES[tone]}`;
  if (href) {
    return (
      <Link href={href} className={`${className} hover:underline`} title={title}>
        {children}
      </Link>
    );
  }
  return (
    <span className={className} title={title}>
      {children}
    </span>
  );
}

/** Shown wherever a demo ESM appears: its weights were generated, not trained, so rankings with it mean nothing. */
export function SyntheticBadge() {
  return (
    <Badge tone="amber" title="This ESM ships with the demo registry. Its weights are random: it was never trained.">
      <span aria-hidden>⚠</span> synthetic demo weights — not trained
    </Badge>
  );
}

export function TaskTypeBadge({ taskType, href }: { taskType: string; href?: string }) {
  const tone: Tone = taskType === "classification" ? "sky" : taskType === "regression" ? "emerald" : "neutral";
  return (
    <Badge tone={tone} href={href}>
      {taskType}
    </Badge>
  );
}
