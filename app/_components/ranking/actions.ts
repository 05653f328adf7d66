"use server";

import { redirect } from "next/navigation";
import { actorOf, currentUser } from "@/app/_lib/session";
import { JobStore, parseJobOptions } from "@/lib/jobs";
import { wakeJobThread } from "@/lib/jobs/thread-host";
import { registry, RegistryError } from "@/lib/registry";

export interface RankFormState {
  error?: string;
}

/** "Rank my target": queues a job for the dataset and opens its page, where progress streams in. */
export async function startRanking(_prev: RankFormState, form: FormData): Promise<RankFormState> {
  const user = await currentUser();
  if (!user) return { error: "Sign in to start a ranking." };
  const dataset = String(form.get("dataset") ?? "");
  const baseModel = String(form.get("base_model") ?? "");
  let id: string;
  try {
    const options = parseJobOptions({ logmeBaseline: form.get("logme_baseline") === "on", textEmb: form.get("textemb") === "on" });
    const job = await new JobStore(registry().db).submit(registry(), actorOf(user), { dataset, baseModel, options });
    id = job.id;
  } catch (err) {
    if (err instanceof RegistryError) return { error: err.message };
    throw err;
  }
  wakeJobThread();
  redirect(`/rankings/${id}`);
}

export async function cancelRanking(form: FormData): Promise<void> {
  const user = await currentUser();
  const id = String(form.get("id") ?? "");
  if (!user || !id) return;
  await new JobStore(registry().db).cancel(id, actorOf(user));
  redirect(`/rankings/${id}`);
}
