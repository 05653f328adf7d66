import { requireActor } from "./auth";
import type { HubApiContext } from "./context";
import { json } from "./http";

/** `GET /api/whoami-v2`: the token's user, with the `auth` block the JS client dereferences. */
export async function whoAmI(req: Request, ctx: HubApiContext): Promise<Response> {
  const actor = await requireActor(req, ctx);
  const user = await ctx.registry.db.user.findUnique({ where: { id: actor.id } });
  return json({
    type: "user",
    id: actor.id,
    name: actor.name,
    fullname: user?.fullname ?? actor.name,
    email: user?.email ?? null,
    emailVerified: false,
    isPro: false,
    canPay: false,
    periodEnd: null,
    billingMode: "prepaid",
    avatarUrl: "",
    orgs: [],
    auth: {
      type: "access_token",
      accessToken: { displayName: actor.tokenName, role: actor.scope, createdAt: actor.tokenCreatedAt.toISOString() },
    },
  });
}
