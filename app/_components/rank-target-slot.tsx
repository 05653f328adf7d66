/**
 * Slot for the ranking feature's "Rank my target" button on dataset pages. The ranking-jobs work renders its
 * button here; until then the slot renders nothing, so there is no dead control.
 */
export function RankTargetSlot({ datasetId }: { datasetId: string }) {
  return <div data-slot="rank-target" data-dataset-id={datasetId} hidden />;
}
