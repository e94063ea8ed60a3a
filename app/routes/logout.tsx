import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { actionContext, getActor, isSecureRequest } from "../auth/require.server";
import { clearedSessionCookie } from "../auth/session.server";
import { signOut } from "../domain/users/sessions.server";

export async function loader() {
  // Signing out changes state, so it takes a POST; a link here just goes home.
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request);
  if (actor) await signOut(actionContext(context, actor));
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(isSecureRequest(request)) } });
}
