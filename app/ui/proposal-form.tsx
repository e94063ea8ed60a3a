import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { proposalLabels, type Proposal } from "../domain/applications/forms";
import type { ApplicationKind } from "../domain/applications/rules";
import { directRegistrationBasis, registrationRouteLabels, socialGroupMinimum } from "../domain/applications/establishment";
import { communityCategoryLabels } from "../domain/organizations/rules";
import type { Confirmation, PostedValues } from "../domain/shared/confirmation";
import { ConfirmSubmit } from "./confirm";
import { Button, ErrorSummary, Field, PostForm, SelectField, TextAreaField } from "./form";
import { PlaceOptions, type PlaceChoice } from "./user-fields";

const numberFields = new Set<keyof Proposal>(["registeredFunds", "individualMembers", "unitMembers", "membersCount"]);
const longFields = new Set<keyof Proposal>(["businessScope", "changeReason", "cancellationReason", "liquidationReport"]);

const hints: Partial<Record<keyof Proposal, string>> = {
  individualMembers: `社会团体须有 ${socialGroupMinimum.individualMembers} 个以上个人会员，或 ${socialGroupMinimum.unitMembers} 个以上单位会员；两类会员都有的，合计不少于 ${socialGroupMinimum.individualMembers} 个`,
  unitMembers: "无单位会员请填 0",
  registeredFunds: "地方性社会团体须有 3 万元以上活动资金",
  registrationRoute: `行业协会商会类、科技类、公益慈善类、城乡社区服务类社会组织直接登记，不设业务主管单位（${directRegistrationBasis}）`,
  supervisingUnit: "直接登记的不填；其他须经业务主管单位审查同意，业务主管单位同意后登记管理机关方可受理",
  liquidationCompletedOn: "清算结束之日起 15 日内申请注销登记（《社会团体登记管理条例》第二十一条）",
  liquidationReport: "清算组的组成，资产、债权债务的清理情况，剩余财产的处置；清算报告书原件请在下方上传",
  membersCount: "社区社会组织至少应有 3 名成员",
};

/** Fields chosen from a list of labelled codes. */
const chosenFrom: Partial<Record<keyof Proposal, Record<string, string>>> = {
  registrationRoute: registrationRouteLabels,
  category: communityCategoryLabels,
};

type Posted = Record<keyof Proposal | "intent" | "version", string>;

/**
 * The applicant's form for one kind of application: save a draft at any time
 * (nothing typed is lost), or submit, which checks everything.
 */
export function ProposalForm({
  action,
  kind,
  fields: shown,
  proposal,
  version,
  placeChoices,
  lastResult,
  submitAction,
  confirmation,
}: {
  action: string;
  kind: ApplicationKind;
  fields: readonly (keyof Proposal)[];
  proposal: Proposal;
  version: number;
  placeChoices: PlaceChoice[];
  lastResult?: SubmissionResult<string[]> | null;
  submitAction: "submit" | "resubmit";
  /** What submitting will do, asked before it is sent. */
  confirmation: (values: PostedValues) => Confirmation;
}) {
  const defaultValue = Object.fromEntries(shown.map((field) => [field, proposal[field] === undefined ? "" : String(proposal[field])]));
  const [form, fields] = useForm<Posted>({ id: "proposal", lastResult, defaultValue, shouldValidate: "onSubmit" });
  const initial = (field: keyof Proposal) => {
    const value = fields[field].initialValue;
    return typeof value === "string" ? value : "";
  };
  return (
    <PostForm action={action} {...getFormProps(form)} className="rounded border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary result={lastResult} labels={proposalLabels} />
      <input type="hidden" name={fields.version.name} value={version} />
      {shown.map((field) => {
        const common = { label: proposalLabels[field], name: fields[field].name, errors: fields[field].errors, hint: hints[field], defaultValue: initial(field) };
        if (field === "type") {
          return (
            <SelectField key={field} {...common}>
              <option value="">请选择</option>
              <option value="social_group">社会团体</option>
              <option value="private_non_enterprise">民办非企业单位（社会服务机构）</option>
              <option value="foundation">基金会</option>
            </SelectField>
          );
        }
        if (field === "liquidationCompletedOn") return <Field key={field} {...common} type="date" />;
        const labels = chosenFrom[field];
        if (labels) {
          return (
            <SelectField key={field} {...common}>
              <option value="">请选择</option>
              {Object.entries(labels).map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </SelectField>
          );
        }
        if (field === "placeId") {
          return (
            <SelectField key={field} {...common}>
              <option value="">请选择</option>
              <PlaceOptions units={placeChoices} />
            </SelectField>
          );
        }
        if (longFields.has(field)) return <TextAreaField key={field} {...common} />;
        return <Field key={field} {...common} inputMode={numberFields.has(field) ? "numeric" : undefined} />;
      })}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name={fields.intent.name} value="save" variant="secondary">
          保存草稿
        </Button>
        <ConfirmSubmit name={fields.intent.name} value={submitAction} summary={confirmation}>
          {submitAction === "resubmit" ? "补正后重新提交" : kind === "filing" ? "提交备案" : "提交申请"}
        </ConfirmSubmit>
      </div>
    </PostForm>
  );
}
