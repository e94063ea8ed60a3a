import { getFormProps, parse, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { hasPermission } from "../auth/permissions";
import { actionContext, readForm, requireActor, requirePermission } from "../auth/require.server";
import type { ActionContext } from "../domain/shared/context";
import { isFiled, organizationTypeLabels } from "../domain/organizations/rules";
import {
  coverageChoiceLabels,
  coverageChoiceOf,
  coverageChoices,
  isPartyIntent,
  parseAdmissionForm,
  parsePartyRecordForm,
  type AdmissionValue,
  type CoverageChoice,
  type PartyIntent,
} from "../domain/party/forms";
import { branchKindLabels, coverageLabels, ownBranchMinimum } from "../domain/party/rules";
import { acceptReportedMembers, partyRecordFor, recordAdmission, savePartyRecord } from "../domain/party/party.server";
import { placeChoices } from "../domain/places/queries.server";
import { correctionSchema } from "../domain/organizations/forms";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { correctOrganization, officerOrganization } from "../domain/organizations/register.server";
import { formatDate, formatDateTime, shanghaiDate } from "../domain/shared/time";
import { Button, ErrorList, Field, FormError, PostForm, SelectField } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { CorrectionForm } from "../ui/register-correction";
import { ChangeHistory, RecordDetails, StatusNotice } from "../ui/register-record";
import { OrganizationStatusBadge } from "../ui/register-search";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "社会组织"} - 社会组织登记簿` },
];

function idOf(param: string | undefined): number {
  return rowIdOrNotFound(param, "登记簿中没有该社会组织。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "organization:read_internal");
  const record = await officerOrganization(actor, idOf(params.id));
  // Party coverage concerns registered kinds only; community organizations are filed, not registered.
  const keepsParty = !isFiled(record.organization.type) && hasPermission(actor, "party:manage");
  const [places, party] = await Promise.all([
    record.canCorrect ? placeChoices() : Promise.resolve([]),
    keepsParty ? partyRecordFor(actor, record.organization.id) : Promise.resolve(null),
  ]);
  return { ...record, places, party: party ? partySection(party) : null, today: shanghaiDate(new Date()) };
}

/** What the party section shows and starts its forms from. */
function partySection(party: Awaited<ReturnType<typeof partyRecordFor>>) {
  const { record } = party;
  return {
    record: record
      ? {
          formalMembers: record.formalMembers,
          probationaryMembers: record.probationaryMembers,
          branchId: record.branchId,
          instructor: record.instructor,
          source: record.source,
          updatedAt: record.updatedAt,
          version: record.version,
        }
      : null,
    coverage: party.coverage,
    ownBranchDue: party.ownBranchDue,
    branch: record?.branchId ? (party.branches.find((b) => b.id === record.branchId) ?? null) : null,
    branches: party.branches,
    admissions: party.admissions.map((a) => ({ id: a.id, admittedOn: a.admittedOn, count: a.count })),
    reported: party.reported,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await requireActor(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (isPartyIntent(intent)) {
    const actor = await requirePermission(request, "party:manage");
    return partyAction(actionContext(context, actor), idOf(params.id), intent, form);
  }
  const actor = await requirePermission(request, "organization:correct");
  const id = idOf(params.id);
  const submission = parseSubmission(form, { schema: correctionSchema });
  if (submission.status !== "success") return data({ intent: "correction" as const, result: submission.reply(), notice: null }, { status: 400 });
  const outcome = await correctOrganization(actionContext(context, actor), id, submission.value);
  if (!outcome.ok) {
    return data(
      {
        intent: "correction" as const,
        result: replyTo(submission, outcome),
        notice: null,
      },
      { status: outcome.formError ? 409 : 400 },
    );
  }
  return redirect(`/officer/orgs/${id}?corrected=1`);
}

/** The party section's forms: the record, and an admission of probationary members. */
async function partyAction(ctx: ActionContext, id: number, intent: PartyIntent, form: FormData) {
  const refused = (result: SubmissionResult<string[]>, outcome: { formError?: string }) =>
    data({ intent, result, notice: null }, { status: outcome.formError ? 409 : 400 });
  if (intent === "party-record") {
    const submission = parse(form, { resolve: parsePartyRecordForm });
    if (submission.status !== "success") return refused(submission.reply(), {});
    const outcome = await savePartyRecord(ctx, id, submission.value);
    if (!outcome.ok) {
      // The domain names an own branch it cannot found under branchId; the form shows it beside the choice made.
      const { branchId, ...others } = outcome.fieldErrors ?? {};
      const fieldErrors = submission.value.newOwnBranch && branchId ? { ...others, coverage: branchId } : outcome.fieldErrors;
      return refused(replyTo(submission, { ...outcome, fieldErrors }), outcome);
    }
    return { intent, result: submission.reply({ resetForm: true }), notice: "党建信息已保存，已记入审计日志。" };
  }
  if (intent === "party-accept-report") {
    const seen = String(form.get("version") ?? "");
    const outcome = await acceptReportedMembers(ctx, id, Number(form.get("reportId")), seen ? Number(seen) : null);
    const result: SubmissionResult<string[]> | undefined = undefined;
    return outcome.ok
      ? { intent, result, notice: `已采用年检数据：正式党员 ${outcome.value.formalMembers} 名，预备党员 ${outcome.value.probationaryMembers} 名。` }
      : data({ intent, result, notice: outcome.formError ?? "未能采用年检数据。" }, { status: 409 });
  }
  const submission = parse(form, { resolve: parseAdmissionForm });
  if (submission.status !== "success") return refused(submission.reply(), {});
  const outcome = await recordAdmission(ctx, id, submission.value);
  if (!outcome.ok) {
    return refused(replyTo(submission, outcome), outcome);
  }
  const { admittedOn, count } = submission.value;
  return { intent, result: submission.reply({ resetForm: true }), notice: `已记录 ${formatDate(admittedOn)}发展预备党员 ${count} 名。` };
}

export default function OfficerRecord() {
  const { organization, street, community, history, canCorrect, places, party, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const [params] = useSearchParams();
  const record = { ...organization, street, community };
  const internal: Array<[string, ReactNode]> = [["联系电话（不公开）", organization.contactPhone]];
  if (!isFiled(organization.type)) internal.push(["代码核准说明（不公开）", organization.usccAcceptedReason]);
  internal.push(["最近更新", `${formatDateTime(organization.updatedAt)}（第 ${organization.version} 版）`]);
  return (
    <>
      <PageHeader
        title={organization.name}
        description={
          <>
            <Link to="/officer/orgs">返回登记簿</Link> · {organizationTypeLabels[organization.type]} ·{" "}
            <Link to={`/orgs/${organization.id}`}>查看公开页面</Link>
          </>
        }
        actions={<OrganizationStatusBadge status={organization.status} />}
      />
      {params.get("corrected") && !actionData ? (
        <Notice>
          更正已保存，已记入变更记录和审计日志。
        </Notice>
      ) : null}
      <StatusNotice record={organization} />
      <div className="space-y-6">
        <Panel title={isFiled(organization.type) ? "备案信息" : "登记信息"}>
          <RecordDetails
            record={record}
            extra={internal}
          />
        </Panel>
        {canCorrect ? (
          <Panel title="更正登记信息">
            <p className="mb-4 text-sm text-slate-600">
              用于更正登记簿中录入有误的信息。名称、住所、法定代表人等登记事项的实际变化，应由组织申请变更登记。
            </p>
            <CorrectionForm record={organization} places={places} lastResult={resultFor("correction")} />
          </Panel>
        ) : null}
        {party ? (
          <PartySection
            organizationId={organization.id}
            party={party}
            today={today}
            notice={
              actionData?.intent === "party-record" || actionData?.intent === "party-admission" || actionData?.intent === "party-accept-report"
                ? actionData.notice
                : null
            }
            recordResult={resultFor("party-record")}
            admissionResult={resultFor("party-admission")}
          />
        ) : null}
        <ChangeHistory entries={history} type={organization.type} />
      </div>
    </>
  );
}

type PartyData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["party"]>;

/**
 * The organization's party record (党建信息) for officers with party:manage:
 * what is on file, a form to keep it, and admissions of probationary members.
 */
function PartySection({
  organizationId,
  party,
  today,
  notice,
  recordResult,
  admissionResult,
}: {
  organizationId: number;
  party: PartyData;
  today: string;
  notice: string | null;
  recordResult: SubmissionResult<string[]> | undefined;
  admissionResult: SubmissionResult<string[]> | undefined;
}) {
  const { record, branch } = party;
  const facts: Array<[string, ReactNode]> = record
    ? [
        ["正式党员", `${record.formalMembers} 名`],
        ["预备党员", `${record.probationaryMembers} 名`],
        ["覆盖情况", <CoverageBadge key="coverage" coverage={party.coverage} />],
        ["所在党支部", branch ? `${branch.name}（${branchKindLabels[branch.kind]}）` : "—"],
        ["党建指导员", record.instructor ?? "—"],
        ["数据来源", record.source === "inspection" ? "来自年检" : "人工录入"],
        ["最近更新", `${formatDateTime(record.updatedAt)}（第 ${record.version} 版）`],
      ]
    : [];
  return (
    <section id="party" aria-labelledby="party-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="party-heading" className="mb-3 text-lg font-semibold text-slate-900">
        党建信息
      </h2>
      {notice ? (
        <Notice>
          {notice}
        </Notice>
      ) : null}
      {record ? (
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-24 shrink-0 text-slate-600">{label}</dt>
              <dd className="text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-700">尚未录入党建信息，统计时按未覆盖计。</p>
      )}
      {party.reported &&
      (party.reported.formalMembers !== record?.formalMembers || party.reported.probationaryMembers !== record?.probationaryMembers) ? (
        <PostForm className="mt-3 flex flex-wrap items-center gap-3 rounded border border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-900">
          <input type="hidden" name="intent" value="party-accept-report" />
          <input type="hidden" name="reportId" value={party.reported.reportId} />
          <input type="hidden" name="version" value={record?.version ?? ""} />
          <span>
            {party.reported.year} 年度年检报告填报：正式党员 {party.reported.formalMembers} 名，预备党员 {party.reported.probationaryMembers} 名，与现有记录不同。
          </span>
          <Button type="submit">采用年检数据</Button>
        </PostForm>
      ) : null}
      {party.ownBranchDue ? (
        <p className="mt-3 rounded border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          正式党员已有 {ownBranchMinimum} 名以上，应单独组建党支部。
        </p>
      ) : null}
      <h3 className="mt-6 mb-3 text-base font-semibold text-slate-900">录入党建信息</h3>
      <PartyRecordForm
        // A saved record starts the form again from what was saved.
        key={record?.version ?? 0}
        organizationId={organizationId}
        party={party}
        today={today}
        lastResult={recordResult}
      />
      <h3 className="mt-8 mb-3 text-base font-semibold text-slate-900">发展预备党员</h3>
      {party.admissions.length ? (
        <table className="mb-4 text-left text-sm">
          <caption className="sr-only">本组织发展预备党员的记录</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-8">
                接收日期
              </th>
              <th scope="col" className="py-1 pl-8 text-right">
                人数
              </th>
            </tr>
          </thead>
          <tbody>
            {party.admissions.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="py-1 pr-8">{formatDate(a.admittedOn)}</td>
                <td className="py-1 pl-8 text-right tabular-nums">{a.count} 名</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mb-4 text-sm text-slate-700">尚无发展预备党员的记录。</p>
      )}
      <AdmissionForm organizationId={organizationId} today={today} lastResult={admissionResult} />
    </section>
  );
}

function CoverageBadge({ coverage }: { coverage: PartyData["coverage"] }) {
  const tone = coverage === "none" ? "red" : coverage === "instructor" ? "amber" : "green";
  return <Badge tone={tone}>{coverageLabels[coverage]}</Badge>;
}

/** The record form's fields as posted (the parsed value has other names). */
interface PartyRecordFields {
  formalMembers: string;
  probationaryMembers: string;
  coverage: CoverageChoice;
  branchId: string;
  newBranchName: string;
  newBranchFoundedOn: string;
  newBranchSecretary: string;
  instructor: string;
  version: string;
}

function PartyRecordForm({
  organizationId,
  party,
  today,
  lastResult,
}: {
  organizationId: number;
  party: PartyData;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { record, branches } = party;
  const [form, fields] = useForm<PartyRecordFields>({
    id: `party-record-${organizationId}`,
    lastResult,
    // What the form starts from, and returns to once saved.
    defaultValue: {
      formalMembers: String(record?.formalMembers ?? 0),
      probationaryMembers: String(record?.probationaryMembers ?? 0),
      coverage: coverageChoiceOf(record),
      branchId: record?.branchId ? String(record.branchId) : "",
      instructor: record?.instructor ?? "",
      version: record ? String(record.version) : "",
    },
    // Validated on the server, which knows the branches and what they already cover.
    shouldValidate: "onSubmit",
  });
  const typed = (value: unknown, fallback: string | number | null | undefined) =>
    typeof value === "string" ? value : fallback == null ? "" : String(fallback);
  const postedChoice = fields.coverage.initialValue;
  const initialChoice: CoverageChoice = (coverageChoices as readonly unknown[]).includes(postedChoice)
    ? (postedChoice as CoverageChoice)
    : coverageChoiceOf(record);
  const [choice, setChoice] = useState<CoverageChoice>(initialChoice);
  // Without JavaScript every choice shows its fields; once hydrated, only the chosen one's.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const shown = (option: CoverageChoice) => !hydrated || choice === option;
  // Another organization's own branch cannot cover this one: only joint branches, its own, and own branches left covering none.
  const choosable = branches.filter((b) => b.kind === "joint" || b.members === 0 || b.id === record?.branchId);
  return (
    <PostForm action={`/officer/orgs/${organizationId}#party`} preventScrollReset {...getFormProps(form)}>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="party-record" />
      {/* A refused save keeps the version it was typed against, so saving again stays refused rather than overwriting. */}
      <input type="hidden" name={fields.version.name} value={typed(fields.version.initialValue, record?.version)} />
      <div className="grid max-w-xl gap-x-6 sm:grid-cols-2">
        <Field
          label="正式党员人数"
          name={fields.formalMembers.name}
          inputMode="numeric"
          defaultValue={typed(fields.formalMembers.initialValue, record?.formalMembers ?? 0)}
          errors={fields.formalMembers.errors}
          required
        />
        <Field
          label="预备党员人数"
          name={fields.probationaryMembers.name}
          inputMode="numeric"
          defaultValue={typed(fields.probationaryMembers.initialValue, record?.probationaryMembers ?? 0)}
          errors={fields.probationaryMembers.errors}
          required
        />
      </div>
      <fieldset className="mb-4" aria-describedby={fields.coverage.errors?.length ? "party-coverage-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">
          覆盖方式<span className="text-red-700"> *</span>
        </legend>
        <p className="mt-1 text-xs text-slate-500">
          正式党员 {ownBranchMinimum} 名以上的应单独组建党支部；不足 {ownBranchMinimum} 名的可纳入联合党支部，都不具备条件的选派党建指导员。
        </p>
        <ErrorList id="party-coverage-error" errors={fields.coverage.errors} />
        <div className="mt-2 space-y-3">
          {coverageChoices.map((option) => (
            <div key={option}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={fields.coverage.name}
                  value={option}
                  defaultChecked={initialChoice === option}
                  onChange={() => setChoice(option)}
                />
                {coverageChoiceLabels[option]}
              </label>
              {option === "branch" && shown("branch") ? (
                <div className="mt-2 ml-6 max-w-md">
                  {choosable.length ? (
                    <SelectField
                      label="党支部"
                      name={fields.branchId.name}
                      defaultValue={typed(fields.branchId.initialValue, record?.branchId)}
                      errors={fields.branchId.errors}
                      hint="本街道（镇）的联合党支部和全区的行业联合党支部"
                    >
                      <option value="">请选择</option>
                      {(["joint", "single"] as const)
                        .filter((kind) => choosable.some((b) => b.kind === kind))
                        .map((kind) => (
                          <optgroup key={kind} label={branchKindLabels[kind]}>
                            {choosable
                              .filter((b) => b.kind === kind)
                              .map((b) => (
                                <option key={b.id} value={b.id}>
                                  {b.name}（已覆盖 {b.members} 个组织）
                                </option>
                              ))}
                          </optgroup>
                        ))}
                    </SelectField>
                  ) : (
                    <>
                      <p className="text-sm text-slate-700">
                        本街道（镇）和全区暂无党支部。可新建本组织党支部，或在<Link to="/officer/party">党建覆盖</Link>页面成立联合党支部。
                      </p>
                      <ErrorList errors={fields.branchId.errors} />
                    </>
                  )}
                </div>
              ) : null}
              {option === "new_branch" && shown("new_branch") ? (
                <div className="mt-2 ml-6 grid gap-x-6 sm:grid-cols-2">
                  <Field
                    label="党支部名称"
                    name={fields.newBranchName.name}
                    defaultValue={typed(fields.newBranchName.initialValue, "")}
                    errors={fields.newBranchName.errors}
                    maxLength={60}
                    hint="如“某某协会党支部”"
                  />
                  <Field
                    label="成立日期"
                    name={fields.newBranchFoundedOn.name}
                    type="date"
                    max={today}
                    defaultValue={typed(fields.newBranchFoundedOn.initialValue, "")}
                    errors={fields.newBranchFoundedOn.errors}
                  />
                  <Field
                    label="党支部书记"
                    name={fields.newBranchSecretary.name}
                    defaultValue={typed(fields.newBranchSecretary.initialValue, "")}
                    errors={fields.newBranchSecretary.errors}
                    maxLength={20}
                    hint="可暂不填写"
                  />
                </div>
              ) : null}
              {option === "instructor" && shown("instructor") ? (
                <div className="mt-2 ml-6 max-w-md">
                  <Field
                    label="党建指导员姓名"
                    name={fields.instructor.name}
                    defaultValue={typed(fields.instructor.initialValue, record?.instructor)}
                    errors={fields.instructor.errors}
                    maxLength={20}
                  />
                </div>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
      <Button type="submit">保存党建信息</Button>
    </PostForm>
  );
}

function AdmissionForm({
  organizationId,
  today,
  lastResult,
}: {
  organizationId: number;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<AdmissionValue>({
    id: `party-admission-${organizationId}`,
    lastResult,
    onValidate: ({ formData }) => parse(formData, { resolve: parseAdmissionForm }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const typed = (value: unknown) => (typeof value === "string" ? value : "");
  return (
    <PostForm action={`/officer/orgs/${organizationId}#party`} preventScrollReset {...getFormProps(form)} className="max-w-xl">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="party-admission" />
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Field
          label="接收日期"
          name={fields.admittedOn.name}
          type="date"
          max={today}
          defaultValue={typed(fields.admittedOn.initialValue)}
          errors={fields.admittedOn.errors}
          required
        />
        <Field
          label="接收人数"
          name={fields.count.name}
          inputMode="numeric"
          defaultValue={typed(fields.count.initialValue)}
          errors={fields.count.errors}
          hint="本次接收的预备党员人数"
          required
        />
      </div>
      <Button type="submit" variant="secondary">
        记录发展预备党员
      </Button>
    </PostForm>
  );
}
