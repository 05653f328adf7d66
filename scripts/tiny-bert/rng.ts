export { normalGenerator } from "../../lib/random";
