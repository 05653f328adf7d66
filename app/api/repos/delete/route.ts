// Hub API (stock Hugging Face clients): routing and answers live in lib/hub-api.
import { hubRoute } from "@/lib/hub-api/route";

export const dynamic = "force-dynamic";
export { hubRoute as DELETE, hubRoute as OPTIONS };
