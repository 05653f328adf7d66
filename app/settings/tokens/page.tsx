import type { Metadata } from "next";
import { listTokens, registry } from "@/lib/registry";
import { formatDateTime, timeAgo } from "@/lib/site/format";
import { Badge } from "@/app/_components/badges";
import { requireUser } from "@/app/_lib/session";
import { CreateTokenForm, RevokeButton } from "./token-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Access tokens" };

export default async function TokensPage() {
  const user = await requireUser("/settings/tokens");
  const tokens = await listTokens(registry().db, user.id);
  const now = new Date();
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold">Access tokens</h1>
      <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
        Tokens let the <span className="font-mono">esmhub</span> CLI, <span className="font-mono">@huggingface/hub</span> and <span className="font-mono">huggingface_hub</span> act as{" "}
        <strong>{user.name}</strong>. Use one token per app, give it the least role it needs (read to download, write to publish), and never put a token in browser code or a public repo.
      </p>

      <section aria-labelledby="new-token" className="card mt-6 p-5">
        <h2 id="new-token" className="mb-3 text-base font-semibold">
          New token
        </h2>
        <CreateTokenForm />
      </section>

      <section aria-labelledby="your-tokens" className="mt-8">
        <h2 id="your-tokens" className="mb-3 text-base font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">No tokens yet. Create one above.</p>
        ) : (
          <div className="card overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="table-head">
                <tr>
                  <th className="px-4 py-2 font-medium">Name</th>
                  <th className="px-4 py-2 font-medium">Role</th>
                  <th className="px-4 py-2 font-medium">Token</th>
                  <th className="px-4 py-2 font-medium">Created</th>
                  <th className="px-4 py-2 font-medium">Last used</th>
                  <th className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {tokens.map((t) => (
                  <tr key={t.id} className={t.revokedAt ? "text-zinc-400" : undefined}>
                    <td className="px-4 py-2 font-medium">{t.name}</td>
                    <td className="px-4 py-2">
                      <Badge tone={t.scope === "write" ? "amber" : "neutral"}>{t.scope}</Badge>
                    </td>
                    <td className="px-4 py-2 font-mono text-xs">…{t.hint}</td>
                    <td className="px-4 py-2 text-xs" title={formatDateTime(t.createdAt)}>{timeAgo(t.createdAt, now)}</td>
                    <td className="px-4 py-2 text-xs">{t.lastUsedAt ? timeAgo(t.lastUsedAt, now) : "never"}</td>
                    <td className="px-4 py-2 text-right">{t.revokedAt ? <span className="text-xs">revoked {timeAgo(t.revokedAt, now)}</span> : <RevokeButton id={t.id} name={t.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
