import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { redirectWithNotice } from "../auth/flash.server";
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
  return redirectWithNotice(request, `/officer/applications/${result.value.id}`, "已建立备案草稿。请填写下列事项并上传材料，核对无误后提交。");
}
