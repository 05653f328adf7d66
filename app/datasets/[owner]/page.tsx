import type { Metadata } from "next";
import { DatasetView } from "@/app/_components/dataset-view";
import { decodeParam } from "@/app/_lib/esm-repo";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string }> };

/** Datasets with a one-segment id (e.g. "imdb", as on the Hub). */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeParam((await params).owner) };
}

export default async function DatasetPage({ params }: Props) {
  return <DatasetView id={decodeParam((await params).owner)} />;
}
