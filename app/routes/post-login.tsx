import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireActor } from "../auth/require.server";
import { areaPaths, roleArea } from "../auth/roles";

/** Sends a user who signed in without a destination to their own area. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return redirect(areaPaths[roleArea[actor.role]]);
}
