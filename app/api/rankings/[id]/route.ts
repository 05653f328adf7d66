import { JobStore } from "@/lib/jobs";
import { registry, RegistryError } from "@/lib/registry";
import { errorResponse, requestActor } from "../_lib/http";
import { visibleJob } from "../_lib/visible";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** Status, progress (phase, done/total, ESMs/s, ETA) and, once done, the ranking with baselines and timings. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    const { id } = await params;
    const view = await visibleJob(request, id);
    if (!view) throw new RegistryError("EntryNotFound", `ranking ${id} not found`);
    return Response.json(view, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Cancels the ranking (its creator only): a queued one at once, a running one within seconds. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  try {
    const { id } = await params;
    const job = await new JobStore(registry().db).cancel(id, await requestActor(request));
    return Response.json({ id, status: job?.status, cancelRequested: job?.cancelRequested });
  } catch (err) {
    return errorResponse(err);
  }
}
