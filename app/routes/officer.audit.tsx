import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { listAudit } from "../domain/audit/audit.server";
import { pageNumber } from "../domain/shared/paging";
import { formatDateTime, parseDateFilter, startOfShanghaiDay } from "../domain/shared/time";
import { FormError } from "../ui/form";
import { PageHeader, Pagination } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "审计日志 - 登记管理" }];

const pageSize = 50;

const entityLabels: Record<string, string> = {
  user: "账号",
  request: "请求",
  place: "区划",
  organization: "社会组织",
  application: "申请",
  setting: "设置",
};

const actionLabels: Record<string, string> = {
  "session.sign_in": "登录",
  "session.sign_out": "退出登录",
  "session.sign_in_failed": "登录失败",
  "session.sign_in_locked": "锁定期间尝试登录",
  "session.rate_limited": "登录过于频繁被拒绝",
  "session.throttled": "尝试过于频繁被拒绝",
  "session.second_factor_pending": "密码正确，等待两步验证",
  "session.second_factor_failed": "两步验证码错误",
  "session.second_factor_ended": "两步验证失败次数过多，登录作废",
  "session.recovery_code_used": "使用恢复码登录",
  "session.reverify": "确认身份",
  "session.reverify_failed": "确认身份失败",
  "request.refused": "拒绝跨站请求",
  "user.create": "创建账号",
  "user.update": "修改账号",
  "user.disable": "停用账号",
  "user.enable": "启用账号",
  "user.unlock": "解除登录限制",
  "user.locked": "账号被锁定",
  "user.reset_password": "重置密码",
  "user.change_password": "修改本人密码",
  "user.password_check_failed": "修改密码时当前密码错误",
  "user.second_factor_start": "开始设置两步验证",
  "user.second_factor_enrol": "启用两步验证",
  "user.second_factor_code_failed": "设置两步验证时验证码错误",
  "user.second_factor_remove": "关闭两步验证",
  "user.second_factor_reset": "管理员清除两步验证",
  "user.recovery_codes_regenerate": "重新生成恢复码",
  "organization.correct": "更正登记簿",
  "application.create": "创建申请",
  "application.save": "保存申请草稿",
  "application.attach": "上传申请材料",
  "application.remove_file": "删除申请材料",
  "application.submit": "提交申请",
  "application.resubmit": "补正后重新提交",
  "application.accept": "受理申请",
  "application.return": "退回补正",
  "application.approve": "准予",
  "application.reject": "不予准予",
  "setting.update": "调整区级设置",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "audit:read");
  const params = new URL(request.url).searchParams;
  const text = (name: string) => (params.get(name) ?? "").trim().slice(0, 60) || undefined;
  const fromFilter = parseDateFilter(params.get("from"), "起始日期");
  const toFilter = parseDateFilter(params.get("to"), "截止日期");
  if (!fromFilter.ok || !toFilter.ok) {
    const problems = [fromFilter, toFilter].flatMap((f) => (f.ok ? [] : [f.problem]));
    return data({ rows: [], total: 0, page: 1, problems }, { status: 400 });
  }
  const from = fromFilter.date;
  const to = toFilter.date;
  const page = pageNumber(params);
  const result = await listAudit(actor, {
    action: text("action"),
    actor: text("actor"),
    entityType: text("entityType"),
    entityId: text("entityId"),
    from: from ? startOfShanghaiDay(from) : undefined,
    // "to" is inclusive: everything before the next day begins.
    to: to ? new Date(startOfShanghaiDay(to).getTime() + 86_400_000) : undefined,
    page,
    pageSize,
  });
  return { ...result, page, problems: [] as string[] };
}

export default function AuditPage() {
  const { rows, total, page, problems } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title="审计日志" description="所有数据变更、登录、失败登录和被拒绝的请求，按时间倒序。日志只能追加，不能修改或删除。" />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">操作类型</span>
          <select name="action" defaultValue={params.get("action") ?? ""} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option>
            {Object.entries(actionLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">操作人或 IP</span>
          <input name="actor" defaultValue={params.get("actor") ?? ""} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">对象类型</span>
          <input name="entityType" defaultValue={params.get("entityType") ?? ""} placeholder="如 user" className="w-28 rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">对象编号</span>
          <input name="entityId" defaultValue={params.get("entityId") ?? ""} className="w-24 rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">起始日期</span>
          <input type="date" name="from" defaultValue={params.get("from") ?? ""} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">截止日期</span>
          <input type="date" name="to" defaultValue={params.get("to") ?? ""} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </Form>
      <FormError errors={problems}>请改正日期后重新筛选；日期留空表示不限。</FormError>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-3 py-2">时间</th>
              <th className="px-3 py-2">操作人</th>
              <th className="px-3 py-2">操作</th>
              <th className="px-3 py-2">对象</th>
              <th className="px-3 py-2">原因 / 说明</th>
              <th className="px-3 py-2">IP</th>
              <th className="px-3 py-2">变更</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(row.at)}</td>
                <td className="px-3 py-2">{row.actorUsername ?? "匿名"}</td>
                <td className="px-3 py-2">{actionLabels[row.action] ?? row.action}</td>
                <td className="px-3 py-2 font-mono text-xs">
                  {row.entityType ? `${entityLabels[row.entityType] ?? row.entityType} ${row.entityId ?? ""}` : "—"}
                </td>
                <td className="px-3 py-2">{row.reason ?? ""}</td>
                <td className="px-3 py-2 font-mono text-xs">{row.ip ?? ""}</td>
                <td className="px-3 py-2">
                  {row.before || row.after ? (
                    <details>
                      <summary className="cursor-pointer text-blue-700">查看</summary>
                      <ChangeTable before={row.before} after={row.after} />
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} search={params} />
    </>
  );
}

/** The fields that differ between before and after. */
function ChangeTable({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return (
    <table className="mt-1 text-xs">
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th className="pr-2 text-left font-mono font-normal text-slate-500">{k}</th>
            <td className="pr-2 text-red-700 line-through">{b[k] == null ? "" : String(JSON.stringify(b[k]))}</td>
            <td className="text-green-800">{a[k] == null ? "" : String(JSON.stringify(a[k]))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
