import Link from "next/link";

export function EmptyState({ title, children, actions }: { title: string; children?: React.ReactNode; actions?: { href: string; label: string; primary?: boolean }[] }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700">
      <h2 className="text-base font-semibold">{title}</h2>
      {children && <div className="mx-auto mt-2 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{children}</div>}
      {actions && actions.length > 0 && (
        <div className="mt-5 flex flex-wrap justify-center gap-3">
          {actions.map((a) => (
            <Link key={a.href + a.label} href={a.href} className={a.primary ? "btn-primary" : "btn-secondary"}>
              {a.label}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
