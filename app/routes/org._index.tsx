import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { ownOrganization } from "../domain/organizations.server";
import { organizationStatusLabels, organizationTypeLabels } from "../domain/organizations";
import { formatDate } from "../domain/time";
import { PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "本组织 - 社会组织服务" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  return ownOrganization(actor);
}

export default function OrgHome() {
  const { organization: org, place } = useLoaderData<typeof loader>();
  const rows: Array<[string, string]> = [
    ["类型", organizationTypeLabels[org.type]],
    [org.uscc ? "统一社会信用代码" : "备案号", org.uscc ?? org.filingNumber ?? ""],
    ["状态", organizationStatusLabels[org.status]],
    [org.uscc ? "登记日期" : "备案日期", formatDate(org.registeredOn)],
    ["法定代表人", org.legalRepresentative ?? ""],
    ["住所", org.address ?? ""],
    ["所在社区（村）", place?.name ?? ""],
  ];
  return (
    <>
      <PageHeader title={org.name} description="本组织在登记簿中的信息。登记事项如有变化，请办理变更登记。" />
      <Panel>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-sm text-slate-500">{label}</dt>
              <dd className="font-medium">{value || "—"}</dd>
            </div>
          ))}
        </dl>
      </Panel>
    </>
  );
}
