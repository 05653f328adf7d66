import { exportCsv, exportRows, filterResults, resultFilterFrom } from "@/lib/jobs";
import { RegistryError } from "@/lib/registry";
import { errorResponse } from "../../_lib/http";
import { visibleJob } from "../../_lib/visible";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The ranking as CSV or JSON (`?format=csv|json`), with the page's filters (`language`, `task_type`). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "json") throw new RegistryError("InvalidInput", "format must be csv or json");
    const view = await visibleJob(request, id);
    if (!view) throw new RegistryError("EntryNotFound", `ranking ${id} not found`);
    if (view.status !== "done") throw new RegistryError("Conflict", `ranking ${id} is ${view.status}; export is available when it is done`);
    const results = filterResults(view.results, resultFilterFrom(url.searchParams));
    const name = `ranking-${view.dataset.replace("/", "__")}-${id}`;
    if (format === "json") {
      return new Response(JSON.stringify({ id, dataset: view.dataset, baseModel: view.baseModel, baselines: view.baselines, results: exportRows(results) }, null, 2) + "\n", {
        headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${name}.json"` },
      });
    }
    return new Response(exportCsv(results), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` } });
  } catch (err) {
    return errorResponse(err);
  }
}
