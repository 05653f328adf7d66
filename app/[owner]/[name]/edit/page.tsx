import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { decodeParam, loadEsmRepo } from "@/app/_lib/esm-repo";
import { requireUser } from "@/app/_lib/session";
import { CardEditor, DeleteForm } from "./edit-forms";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Edit ${decodeParam(owner)}/${decodeParam(name)}` };
}

export default async function EditEsmPage({ params }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const owner = decodeParam(rawOwner);
  const name = decodeParam(rawName);
  const user = await requireUser(`/${owner}/${name}/edit`);
  const data = await loadEsmRepo(owner, name);
  if (!data) notFound();
  if (user.name !== data.repo.owner) forbidden();
  const fullName = data.repo.fullName;

  return (
    <main className="mx-auto max-w-4xl px-4 py-6">
      <p className="text-sm">
        <Link href={`/${fullName}`} className="link font-mono">
          ← {fullName}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">Edit model card</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Saving makes a new commit on main. The front matter feeds search; the body is shown on the ESM page.</p>
      <div className="mt-4">
        <CardEditor fullName={fullName} initial={data.repo.cardText ?? ""} />
      </div>
      <section aria-labelledby="danger" className="mt-12 rounded-lg border border-red-300 p-5 dark:border-red-900">
        <h2 id="danger" className="text-lg font-semibold text-red-700 dark:text-red-400">
          Delete this ESM
        </h2>
        <div className="mt-3">
          <DeleteForm fullName={fullName} />
        </div>
      </section>
    </main>
  );
}
