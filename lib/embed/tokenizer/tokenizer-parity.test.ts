import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReference } from "../../testing/reference";
import { loadTokenizer } from "../tokenize";
import { bertNormalize } from "./bert-normalizer";
import { exactPreTokenizer } from "./pre-tokenizers";
import { bertPreTokenize } from "./wordpiece";

/*
 * Token ids against transformers 5 + the Rust `tokenizers` (scripts/reference/tokenizer_parity.py): the Python
 * side trains vocabularies on the torture strings, writes one folder per variant with save_pretrained and
 * tokenises with AutoTokenizer(truncation=True, max_length=128); this side loads the same folders.
 */

const CHUNK = 64;
let dir: string;
let strings: string[];
type Sweep = "uncased" | "cased" | "byte_level" | "metaspace";
let reference: { variants: Record<string, number[][]>; code_points: Record<Sweep, string[][]> };

beforeAll(async () => {
  strings = (JSON.parse(await readFile(path.join(import.meta.dirname, "torture.json"), "utf8")) as { strings: string[] }).strings;
  dir = await mkdtemp(path.join(tmpdir(), "esmhub-tok-"));
  reference = await runReference("tokenizer_parity.py", { texts: strings, out_dir: dir, code_point_chunk: CHUNK });
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The strings whose ids differ, with both sides, so a failure shows what broke. */
function differences(ids: number[][], expected: number[][]) {
  return expected.flatMap((want, i) => (JSON.stringify(ids[i]) === JSON.stringify(want) ? [] : [{ text: strings[i], got: ids[i], want }]));
}

describe("tokenizer parity with transformers + tokenizers", () => {
  it("uses a torture set of at least 500 strings", () => {
    expect(strings.length).toBeGreaterThanOrEqual(500);
    expect(strings).toContain("");
    expect(strings.some((s) => Array.from(s).length > 1000)).toBe(true);
  });

  const variants = [
    "bert-uncased",
    "bert-cased",
    "bert-lowercase-keep-accents",
    "bert-cased-strip-accents",
    "bert-no-chinese-chars",
    "distilbert-uncased",
    "bert-added-tokens",
    "bert-config-overrides-json",
    "bert-json-decides",
    "roberta",
    "xlm-roberta",
    "xlm-roberta-near-ties",
  ];
  it.each(variants)("%s: identical ids for every torture string at max_length 128", async (variant) => {
    const expected = reference.variants[variant];
    expect(expected).toHaveLength(strings.length);
    const tokenizer = await loadTokenizer(path.join(dir, variant));
    const ids = strings.map((s) => tokenizer.encode(s, 128));
    expect(differences(ids, expected).slice(0, 5)).toEqual([]);
    expect(Math.max(...ids.map((x) => x.length))).toBe(128);
  });

  const sweeps: Record<Sweep, (text: string) => string[]> = {
    uncased: (t) => bertPreTokenize(bertNormalize(t, { cleanText: true, handleChineseChars: true, stripAccents: null, lowercase: true })),
    cased: (t) => bertPreTokenize(bertNormalize(t, { cleanText: true, handleChineseChars: true, stripAccents: null, lowercase: false })),
    byte_level: exactPreTokenizer({ type: "ByteLevel", add_prefix_space: false, use_regex: true })!,
    metaspace: exactPreTokenizer({
      type: "Sequence",
      pretokenizers: [{ type: "WhitespaceSplit" }, { type: "Metaspace", replacement: "▁", prepend_scheme: "always" }],
    })!,
  };
  it.each(Object.keys(sweeps) as Sweep[])("%s pre-tokenisation agrees with Rust on every code point", (sweep) => {
    const expected = reference.code_points[sweep];
    const bad: { start: string; got: string[]; want: string[] }[] = [];
    for (let c = 0; c * CHUNK < 0x110000; c++) {
      let text = "";
      for (let cp = c * CHUNK; cp < Math.min((c + 1) * CHUNK, 0x110000); cp++) if (cp < 0xd800 || cp > 0xdfff) text += String.fromCodePoint(cp);
      const got = sweeps[sweep](text);
      if (JSON.stringify(got) !== JSON.stringify(expected[c])) bad.push({ start: (c * CHUNK).toString(16), got, want: expected[c] });
    }
    expect(expected).toHaveLength(0x110000 / CHUNK);
    expect(bad.slice(0, 3)).toEqual([]);
  });
});
