import Link from "next/link";

/** The 403 page body: says who may act and offers a way back. */
export function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="font-mono text-sm text-zinc-500">403</p>
      <h1 className="mt-2 text-2xl font-bold">You can&apos;t change this repo</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        Only its owner, the user named in the first part of the repo id (<span className="font-mono">owner/name</span>), can edit or delete it.
      </p>
      <Link href="/" className="btn-secondary mt-6 inline-flex">
        Back to ESM Hub
      </Link>
    </main>
  );
}
