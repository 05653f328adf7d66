import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="font-mono text-sm text-zinc-500">404</p>
      <h1 className="mt-2 text-2xl font-bold">Nothing here</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">This ESM, dataset or user does not exist, or it was deleted or made private.</p>
      <div className="mt-6 flex justify-center gap-3">
        <Link href="/esms" className="btn-primary">
          Search ESMs
        </Link>
        <Link href="/" className="btn-secondary">
          Home
        </Link>
      </div>
    </main>
  );
}
