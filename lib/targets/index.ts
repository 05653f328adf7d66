export { TARGET_CONFIG, parseTargetConfig, serializeTargetConfig, type TargetConfig } from "./config";
export { ingestTarget, maxTargetBytes, type IngestInput, type IngestedTarget } from "./ingest";
export { loadRankingSample, targetConfigAt, type RankingSample } from "./load";
export { targetReadme } from "./readme";
