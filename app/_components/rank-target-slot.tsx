import { RankTarget } from "./ranking/rank-target";

/** Slot for the ranking feature's "Rank my target" panel on target dataset pages. */
export function RankTargetSlot({ datasetId }: { datasetId: string }) {
  return <RankTarget datasetId={datasetId} />;
}
