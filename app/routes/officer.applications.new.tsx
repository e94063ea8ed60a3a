import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { actionContext, requirePermission } from "../auth/require.server";
import { startApplication } from "../domain/applications/commands.server";

export async function loader() {
  return redirect("/officer/applications");
}

/** A street officer enters a community filing on a community's behalf: a draft to fill in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:file_community");
  const result = await startApplication(actionContext(context, actor), { kind: "filing" });
  if (!result.ok) return redirect("/officer/applications");
  return redirect(`/officer/applications/${result.value.id}`);
}
