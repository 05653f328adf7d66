import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findUserByName, registry, searchEsms } from "@/lib/registry";
import { formatDateTime, plural } from "@/lib/site/format";
import { EmptyState } from "../_components/empty-state";
import { EsmRow } from "../_components/esm-row";
import { Pagination } from "../_components/pagination";
import { decodeParam } from "../_lib/esm-repo";
import { currentUser } from "../_lib/session";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeParam((await params).owner) };
}

const PAGE_SIZE = 20;

export default async function ProfilePage({ params, searchParams }: Props) {
  const name = decodeParam((await params).owner);
  const sp = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number(sp.page) || 1));
  const deleted = typeof sp.deleted === "string" ? sp.deleted : null;
  const { db } = registry();
  const profile = await findUserByName(db, name);
  if (!profile) notFound();
  const [result, viewer] = await Promise.all([searchEsms(db, { owner: profile.name, sort: "recent", page, pageSize: PAGE_SIZE }), currentUser()]);
  const isSelf = viewer?.id === profile.id;
  const now = new Date();

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <header className="flex items-center gap-4">
        <span aria-hidden className="grid h-14 w-14 place-items-center rounded-full bg-indigo-100 text-2xl font-bold uppercase text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {profile.name.slice(0, 1)}
        </span>
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-bold">{profile.name}</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {profile.fullname ? `${profile.fullname} · ` : ""}joined {formatDateTime(profile.createdAt).slice(0, 10)} · {plural(result.total, "ESM")}
          </p>
        </div>
      </header>
      {deleted && isSelf && (
        <p role="status" className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
          Deleted <span className="font-mono">{deleted}</span>.
        </p>
      )}
      <h2 className="mt-8 text-lg font-semibold">ESMs</h2>
      <div className="mt-3">
        {result.repos.length === 0 ? (
          <EmptyState
            title={isSelf ? "You have not published an ESM yet" : `${profile.name} has not published an ESM yet`}
            actions={isSelf ? [{ href: "/new", label: "Publish an ESM", primary: true }] : [{ href: "/esms", label: "Browse all ESMs" }]}
          >
            {isSelf ? "Drop a config.json and model.safetensors on the upload page; they are checked before anything is stored." : null}
          </EmptyState>
        ) : (
          <ul className="grid grid-cols-1 gap-3">
            {result.repos.map((r) => (
              <EsmRow key={r.id} repo={r} now={now} />
            ))}
          </ul>
        )}
        <Pagination page={page} pageCount={Math.ceil(result.total / PAGE_SIZE)} hrefFor={(p) => `/${profile.name}${p > 1 ? `?page=${p}` : ""}`} />
      </div>
    </main>
  );
}
