import Link from "next/link";

/** The 403 page body: says who may act and offers a way back. */
export function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="font-mono text-sm text-zinc-500">403</p>
      <h1 className="mt-2 text-2xl font-bold">You can&apos;t change this repo</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        Only the owner of a repo can edit or delete it: repos under <span className="font-mono">name/</span> belong to the user <strong>name</strong>.
      </p>
      <Link href="/" className="btn-secondary mt-6 inline-flex">
        Back to ESM Hub
      </Link>
    </main>
  );
}
