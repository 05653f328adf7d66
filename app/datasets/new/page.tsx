import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/session";
import { maxTargetBytes } from "@/lib/targets";
import { UploadTargetForm } from "./upload-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Upload a target dataset" };

export default async function NewTargetPage() {
  await requireUser("/datasets/new");
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-xl font-semibold">Upload a target dataset</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Your labelled task becomes a dataset repo with its own page, where &ldquo;Rank my target&rdquo; finds the intermediate datasets
        most likely to help it. String labels are numbered in sorted order; rows labelled -1 are dropped for classification.
      </p>
      <div className="card mt-6 p-6">
        <UploadTargetForm maxMb={Math.round((maxTargetBytes() / 1048576) * 10) / 10} />
      </div>
    </main>
  );
}
