// Entry of a ranking worker thread. Plain JavaScript so that Node can start it as-is from tsx, vitest or a
// Next.js server; it registers tsx and then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
