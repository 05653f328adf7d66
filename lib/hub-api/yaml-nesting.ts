import { CST, Lexer } from "yaml";

/** Deeper front matter is refused before it is parsed: a README's metadata is a few levels deep. */
export const MAX_YAML_NESTING = 100;

const BLOCK_INDICATORS = new Set(["seq-item-ind", "explicit-key-ind", "map-value-ind"]);

/**
 * Whether YAML may nest deeper than `max` levels, judged from the lexer's tokens alone (linear, no recursion, stops
 * early). The `yaml` parser and composer take time and stack in proportion to depth (`[[[[…` or `- - - …` a million
 * levels deep), and its alias limit does not cover that. The bound is conservative: open flow brackets, plus the
 * current line's indentation width, plus the block indicators (`-`, `?`, `:`) on that line; YAML that is truly
 * shallow but indented past `max` columns is refused too.
 */
export function mayNestDeeperThan(source: string, max = MAX_YAML_NESTING): boolean {
  let flow = 0;
  let indent = 0;
  let indicators = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(source)) {
    const type = CST.tokenType(token);
    if (type === "newline") {
      indent = indicators = 0;
      lineStart = true;
      continue;
    }
    if (lineStart && type === "space") indent = token.length;
    lineStart = false;
    if (type === "flow-seq-start" || type === "flow-map-start") flow++;
    else if (type === "flow-seq-end" || type === "flow-map-end") flow = Math.max(flow - 1, 0);
    else if (type && BLOCK_INDICATORS.has(type)) indicators++;
    if (flow + indent + indicators > max) return true;
  }
  return false;
}
