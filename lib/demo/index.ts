export { DEMO_DATASETS, DEMO_ESMS, DEMO_OWNER, type DemoDataset, type DemoEsmSpec, type DemoSubset } from "./catalog";
export { demoDatasetInfo, demoDatasetInfos, loadSubset } from "./datasets";
export { buildDemoEsm, buildDemoEsms, demoEsmRepoName, DEMO_BASE_MODELS, type DemoEsm, type RepoFile } from "./esms";
export { buildDemoTarget, DEMO_TARGET_ID, DEMO_TARGET_FILE, type DemoTarget } from "./target";
export { seedDemo, type SeedOptions, type SeedResult } from "./seed";
export { labelStats, columnTypes, type LabelStats, type SourceTable, type SourceRow } from "./table";
