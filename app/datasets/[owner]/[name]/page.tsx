import type { Metadata } from "next";
import { DatasetView } from "@/app/_components/dataset-view";
import { decodeParam } from "@/app/_lib/esm-repo";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `${decodeParam(owner)}/${decodeParam(name)}` };
}

export default async function DatasetPage({ params }: Props) {
  const { owner, name } = await params;
  return <DatasetView id={`${decodeParam(owner)}/${decodeParam(name)}`} />;
}
