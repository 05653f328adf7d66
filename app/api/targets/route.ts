import { MULTIPART_OVERHEAD_BYTES, readMultipart } from "@/lib/hub-api/multipart";
import { registry } from "@/lib/registry";
import { ingestTarget, maxTargetBytes } from "@/lib/targets";
import { errorResponse, requestActor, requireWrite } from "../rankings/_lib/http";
import { ingestFields } from "../rankings/_lib/ingest-fields";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Uploads a target file (multipart: `file`, optional `name`, `text_columns`, `label_column`, `task_type`,
 * `num_examples`, `description`, `language`) as a dataset repo of the caller. 201 `{dataset, commit, url}`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = requireWrite(await requestActor(request));
    const form = await readMultipart(request, maxTargetBytes() + MULTIPART_OVERHEAD_BYTES, "target upload");
    const out = await ingestTarget(registry(), actor, await ingestFields(form));
    return Response.json({ dataset: out.fullName, commit: out.commitId, url: `/datasets/${out.fullName}`, rows: out.numRows, sampled: out.selected, config: out.config }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
