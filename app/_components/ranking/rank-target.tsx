import Link from "next/link";
import { currentUser } from "@/app/_lib/session";
import { baseModelChoices, defaultBaseModel } from "@/lib/jobs";
import { registry } from "@/lib/registry";
import { RankForm } from "./rank-form";

/** The "Rank my target" panel of a target dataset page: base model choice, start button, recent rankings. */
export async function RankTarget({ datasetId }: { datasetId: string }) {
  const ctx = registry();
  const { db } = ctx;
  const [user, choices, recent] = await Promise.all([
    currentUser(),
    baseModelChoices(ctx),
    db.rankingJob.findMany({
      where: { datasetRepo: { is: { kind: "dataset", fullName: datasetId } } },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, baseModel: true, status: true, createdAt: true },
    }),
  ]);
  const defaultModel = defaultBaseModel(choices);
  return (
    <section aria-labelledby="rank-target" className="card mt-4 p-4">
      <h2 id="rank-target" className="text-base font-semibold">
        Rank my target
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Scores every ESM of a base model on this dataset with ESM-LogME, to find the intermediate datasets most likely to help.
      </p>
      <div className="mt-3">
        {!defaultModel ? (
          <p className="text-sm text-zinc-600">No ESMs are published yet, so there is nothing to rank against.</p>
        ) : user ? (
          <RankForm datasetId={datasetId} choices={choices} defaultModel={defaultModel} />
        ) : (
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/datasets/${datasetId}`)}`} className="btn-primary">
            Sign in to rank this dataset
          </Link>
        )}
      </div>
      {recent.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm">
          {recent.map((j) => (
            <li key={j.id}>
              <Link href={`/rankings/${j.id}`} className="link">
                Ranking with {j.baseModel}
              </Link>{" "}
              <span className="text-zinc-500">— {j.status}, {j.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
