import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { startApplication } from "../domain/applications.server";
import { badRequest } from "../domain/errors";

const kinds = ["establishment", "change", "cancellation"] as const;

export async function loader() {
  return redirect("/org");
}

/** Starts an application (a draft) and opens it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:apply");
  const kind = String((await readForm(request)).get("kind"));
  if (!(kinds as readonly string[]).includes(kind)) badRequest("未知的申请类型。");
  const result = await startApplication(actionContext(context, actor), { kind: kind as (typeof kinds)[number] });
  if (!result.ok) return redirect(`/org?error=${encodeURIComponent(result.formError ?? "")}`);
  return redirect(`/org/applications/${result.value.id}`);
}
