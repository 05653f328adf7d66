export { RankingPool, rankEsms, type RankingPoolOptions } from "./pool";
export { prepareTarget, type TargetPlan } from "./plan";
export { EsmScorer } from "./scorer";
export { esmFolderSources, type EsmFolderMeta } from "./sources";
export { ndcg, regretAtK, evaluateRanking, type GainTable, type RankingEvaluation } from "./metrics";
export type { EsmSource, EsmWeightsInput, RankedEsm, RankingOptions, RankingProgress, RankingResult, RankingTarget, SkippedEsm } from "./types";
