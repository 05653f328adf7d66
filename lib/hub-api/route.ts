import { hubApiContext } from "./default";
import { handleHubRequest } from "./router";

/** What every app/ route file of the Hub API exports as GET, HEAD, POST and OPTIONS. */
export function hubRoute(req: Request): Promise<Response> {
  return handleHubRequest(req, hubApiContext());
}
