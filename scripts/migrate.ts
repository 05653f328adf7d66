import { migrate } from "../lib/migrate";
import { databaseTarget } from "../lib/config";

const target = databaseTarget();
const applied = await migrate(target);
console.log(`${target.kind}: ${applied.length ? "applied " + applied.join(", ") : "up to date"}`);
