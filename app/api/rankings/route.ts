import { z } from "zod";
import { baseModelChoices, defaultBaseModel, JobStore, parseJobOptions } from "@/lib/jobs";
import { wakeJobThread } from "@/lib/jobs/thread-host";
import { HttpError, readJsonBody } from "@/lib/hub-api/http";
import { MULTIPART_OVERHEAD_BYTES, readMultipart } from "@/lib/hub-api/multipart";
import { registry, RegistryError } from "@/lib/registry";
import { ingestTarget, maxTargetBytes } from "@/lib/targets";
import { errorResponse, requestActor, requireWrite } from "./_lib/http";
import { ingestFields } from "./_lib/ingest-fields";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const jsonBody = z.object({
  dataset: z.string().min(3).max(200),
  baseModel: z.string().min(1).max(200).optional(),
  revision: z.string().min(1).max(200).optional(),
  options: z.unknown().optional(),
});

/**
 * Starts a ranking. JSON `{dataset: "owner/name", baseModel?, options?}` ranks an existing dataset repo;
 * multipart with `file` (+ `name`, `text_columns`, `label_column`, `task_type`, `base_model`, `options` as JSON)
 * first stores the file as a new target dataset repo. Answers 202 `{id, url, dataset}`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = requireWrite(await requestActor(request));
    const ctx = registry();
    let dataset: string;
    let baseModel: string | undefined;
    let revision: string | undefined;
    let options: ReturnType<typeof parseJobOptions>;
    if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const form = await readMultipart(request, maxTargetBytes() + MULTIPART_OVERHEAD_BYTES, "ranking upload");
      // Everything about the ranking is checked before the file becomes a dataset repo.
      options = parseJobOptions(optionsField(form.get("options")));
      const ingest = await ingestFields(form);
      baseModel = String(form.get("base_model") ?? "") || undefined;
      dataset = (await ingestTarget(ctx, actor, ingest)).fullName;
    } else {
      const parsed = jsonBody.safeParse(await readJsonBody(request, 64 * 1024).catch((err) => {
        if (err instanceof HttpError && err.status === 413) throw err;
        return null;
      }));
      if (!parsed.success) throw new RegistryError("InvalidInput", `expected JSON {dataset, baseModel?, options?}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      ({ dataset, baseModel, revision } = parsed.data);
      options = parseJobOptions(parsed.data.options);
    }
    const store = new JobStore(ctx.db);
    const model = baseModel ?? defaultBaseModel(await baseModelChoices(ctx));
    if (!model) throw new RegistryError("InvalidInput", "the registry has no ESMs to rank against");
    const job = await store.submit(ctx, actor, { dataset, baseModel: model, revision, options });
    wakeJobThread();
    return Response.json({ id: job.id, url: `/rankings/${job.id}`, dataset, baseModel: job.baseModel, status: job.status }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}

/** The multipart `options` field: JSON text, or absent. */
function optionsField(value: FormDataEntryValue | null): unknown {
  if (typeof value !== "string" || !value.trim()) return {};
  try {
    return JSON.parse(value);
  } catch {
    throw new RegistryError("InvalidInput", "options must be a JSON object, e.g. {\"numExamples\": 1000}");
  }
}
