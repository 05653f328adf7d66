import type { Db } from "../db";
import { canonicalBaseModel } from "../esm";
import { locateBaseModel } from "./base-models";

export interface BaseModelChoice {
  id: string;
  esms: number;
  /** Why a ranking with it cannot run here (weights not available locally), or null. */
  unavailable: string | null;
}

/** Base models with public ESMs, most ESMs first; the first available one is the default. */
export async function baseModelChoices(db: Db): Promise<BaseModelChoice[]> {
  const groups = await db.esmInfo.groupBy({ by: ["baseModel"], where: { repo: { is: { private: false } } }, _count: { _all: true } });
  const counts = new Map<string, number>();
  for (const g of groups) {
    const id = canonicalBaseModel(g.baseModel);
    counts.set(id, (counts.get(id) ?? 0) + g._count._all);
  }
  return [...counts.entries()]
    .map(([id, esms]) => {
      const where = locateBaseModel(id);
      return { id, esms, unavailable: where.ok ? null : where.reason };
    })
    .sort((a, b) => b.esms - a.esms || a.id.localeCompare(b.id));
}

export function defaultBaseModel(choices: BaseModelChoice[]): string | null {
  return (choices.find((c) => !c.unavailable) ?? choices[0])?.id ?? null;
}
