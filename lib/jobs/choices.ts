import { canonicalBaseModel } from "../esm";
import type { RegistryContext } from "../registry";
import { locateBaseModel } from "./base-models";

export interface BaseModelChoice {
  id: string;
  esms: number;
  /** Why a ranking with it cannot run here (weights not available locally), or null. */
  unavailable: string | null;
}

/** Base models with public ESMs, most ESMs first; the first available one is the default. */
export async function baseModelChoices(ctx: RegistryContext): Promise<BaseModelChoice[]> {
  const groups = await ctx.db.esmInfo.groupBy({ by: ["baseModel"], where: { repo: { is: { private: false } } }, _count: { _all: true } });
  const counts = new Map<string, number>();
  for (const g of groups) {
    const id = canonicalBaseModel(g.baseModel);
    counts.set(id, (counts.get(id) ?? 0) + g._count._all);
  }
  const choices = await Promise.all([...counts.entries()].map(async ([id, esms]) => {
    const where = await locateBaseModel(ctx, id);
    return { id, esms, unavailable: where.ok ? null : where.reason };
  }));
  return choices.sort((a, b) => b.esms - a.esms || a.id.localeCompare(b.id));
}

export function defaultBaseModel(choices: BaseModelChoice[]): string | null {
  return (choices.find((c) => !c.unavailable) ?? choices[0])?.id ?? null;
}
