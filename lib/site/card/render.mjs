// Entry of a card-render thread (card-html.ts). Plain JavaScript so that Node can start it beside a Next.js
// server: it registers tsx and loads the TypeScript renderer outside the bundle.
import { register } from "tsx/esm/api";

register();
await import("./render-main.ts");
