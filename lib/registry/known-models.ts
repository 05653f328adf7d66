/** Base models the hub itself ships (the offline demo model), beyond lib/esm's table of public base models. */
export const DEMO_BASE_MODEL_ID = "esmhub/demo-bert-tiny";
export const DEMO_BASE_MODEL_HIDDEN = 32;

export function demoBaseModelSizes(): Record<string, number> {
  return { [DEMO_BASE_MODEL_ID]: DEMO_BASE_MODEL_HIDDEN };
}
