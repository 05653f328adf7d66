import Papa from "papaparse";
import YAML from "yaml";
import { describeColumns, numpyPermutation, parseTargetFile, prepareTarget } from "../datasets";
import type { DatasetInfo } from "../registry/datasets";
import { DEMO_OWNER } from "./catalog";
import type { RepoFile } from "./esms";
import { installedPackage } from "./packages";
import { loadSmsSpam, SMS_SPAM_PACKAGE } from "./sources/spam";

export const DEMO_TARGET_NAME = "sms-spam-target";
export const DEMO_TARGET_ID = `${DEMO_OWNER}/${DEMO_TARGET_NAME}`;
export const DEMO_TARGET_FILE = "sms-spam.csv";
const TARGET_ROWS = 1000;
const SEED = 42;

export interface DemoTarget {
  owner: string;
  name: string;
  fullName: string;
  files: RepoFile[];
  /** The Dataset row, without repoId (the repo's id is known only once it exists). */
  info: Omit<DatasetInfo, "repoId">;
}

/**
 * A target for "Rank my target" from a source no demo ESM uses: 1,000 messages of the UCI SMS Spam Collection,
 * drawn with numpy's default_rng(42) permutation. Its stats come from parsing the CSV as an upload would be.
 */
export async function buildDemoTarget(): Promise<DemoTarget> {
  const pkg = installedPackage(SMS_SPAM_PACKAGE);
  const all = loadSmsSpam().rows;
  const order = numpyPermutation(all.length, SEED);
  const rows = Array.from(order.subarray(0, TARGET_ROWS), (i) => all[i]);
  const csv = Papa.unparse(rows, { columns: ["text", "label"], newline: "\n" }) + "\n";
  const csvBytes = new TextEncoder().encode(csv);

  const parsed = await parseTargetFile(csvBytes, { filename: DEMO_TARGET_FILE });
  const prepared = prepareTarget(parsed.rows, { textColumns: ["text"], labelColumn: "label", taskType: "classification", numExamples: null });
  const stats = { ...prepared.stats, labelNames: prepared.labelNames };
  const counts = prepared.labelNames!.map((n, i) => `${n} ${(prepared.stats as { classCounts: number[] }).classCounts[i]}`).join(", ");
  const origin = `the UCI SMS Spam Collection (Almeida & Gómez Hidalgo 2011) as stored in the npm package ${pkg.name}@${pkg.version} (${pkg.license})`;

  const front = YAML.stringify({
    language: ["en"],
    license: "cc-by-4.0",
    task_categories: ["text-classification"],
    tags: ["spam", "sms", "esmhub-demo"],
    size_categories: ["n<1K"],
    configs: [{ config_name: "default", data_files: [{ split: "train", path: DEMO_TARGET_FILE }] }],
  });
  const readme = [
    "---",
    front.trimEnd(),
    "---",
    "",
    "# SMS spam (demo target)",
    "",
    `A small labelled target dataset for trying **Rank my target** on this hub: ${TARGET_ROWS.toLocaleString("en-US")} SMS messages`,
    `drawn at random (numpy \`default_rng(${SEED})\` permutation) from the ${all.length.toLocaleString("en-US")} messages of ${origin}.`,
    "No ESM of the demo registry was made from this collection.",
    "",
    "The package stores each message as **stemmed tokens with stop words removed** (e.g. \"go until jurong point crazi avail\"),",
    "so the texts read oddly; the labels are the collection's own.",
    "",
    "| Column | Type | Meaning |",
    "|---|---|---|",
    "| `text` | string | the message, stemmed, stop words removed |",
    "| `label` | string | `ham` or `spam` |",
    "",
    `Label counts: ${counts}.`,
    "",
    "The SMS Spam Collection is published by the UCI Machine Learning Repository under CC BY 4.0.",
    "",
  ].join("\n");

  return {
    owner: DEMO_OWNER,
    name: DEMO_TARGET_NAME,
    fullName: DEMO_TARGET_ID,
    files: [
      { path: DEMO_TARGET_FILE, content: csvBytes },
      { path: "README.md", content: new TextEncoder().encode(readme) },
    ],
    info: {
      id: DEMO_TARGET_ID,
      description: `Demo target for Rank my target: ${TARGET_ROWS} messages of ${origin}; texts are stemmed with stop words removed.`,
      language: "en",
      taskType: "classification",
      numRows: parsed.rows.length,
      columns: describeColumns(parsed.rows, parsed.columns).map((c) => ({ name: c.name, type: c.type })),
      textColumns: ["text"],
      labelColumn: "label",
      labelStats: stats,
    },
  };
}
