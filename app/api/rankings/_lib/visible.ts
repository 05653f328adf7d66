import { jobView, type JobView } from "@/lib/jobs";
import { registry } from "@/lib/registry";
import { requestActor } from "./http";

/** The job as the API shows it; null when there is none or it ranks a private dataset of someone else. */
export async function visibleJob(request: Request, id: string): Promise<JobView | null> {
  const { db } = registry();
  const job = await db.rankingJob.findUnique({ where: { id }, select: { datasetRepo: { select: { private: true, owner: true } } } });
  if (!job) return null;
  if (job.datasetRepo.private) {
    const actor = await requestActor(request);
    if (actor?.name !== job.datasetRepo.owner) return null;
  }
  return jobView(db, id);
}
