// Entry of the in-process job worker thread started by instrumentation.ts. Plain JavaScript so that Node can
// start it beside a Next.js server: it registers tsx and loads the TypeScript worker outside the bundle.
import { register } from "tsx/esm/api";

register();
await import("./thread-main.ts");
