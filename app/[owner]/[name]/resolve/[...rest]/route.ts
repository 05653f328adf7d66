// Hub API (stock Hugging Face clients): routing and answers live in lib/hub-api.
import { hubRoute } from "@/lib/hub-api/route";

export const dynamic = "force-dynamic";
export { hubRoute as GET, hubRoute as HEAD, hubRoute as POST, hubRoute as OPTIONS };
