import { getFormProps, useForm } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useId } from "react";
import { defaultBlankRows, tableRowsOf } from "../../domain/postings/forms";
import { isPostingKind, maxTitleLength, periodKindLabels, postingKinds, tableSpecOf } from "../../domain/postings/rules";
import { bodyMarkupHint } from "../../domain/postings/text";
import { Button, ErrorList, ErrorSummary, Field, PostForm, TextAreaField } from "../../ui/form";
import { PeriodPicker, pickedPeriodOf } from "../../ui/period-picker";
import { useLastResult, type Answer, type Version, type Workspace } from "./answers";
import { FindingsList } from "./reading";
import { TableGrid } from "./table-grid";

const editIntents = ["save", "add-rows", "submit"] as const;

/** The draft as posted: its cells are `row.<index>.<columnKey>`. */
interface DraftFields {
  title: string;
  period: string;
  body: string;
  acknowledgeSensitive: string;
  row: Record<string, Record<string, string>>;
}

/** The clerk's draft: title, period (first versions only), body, the table, and the acknowledgement of personal numbers. */
export function EditForm({ action, workspace, open, answer }: { action: string; workspace: Workspace; open: Version; answer: Answer | undefined }) {
  const { posting, findings, findingsDigest, attachmentsNeedCare } = workspace;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm<DraftFields>({
    lastResult: useLastResult(editIntents),
    defaultValue: { title: open.title, period: posting.period, body: open.body },
  });
  const errors = form.allErrors;
  const spec = tableSpecOf(posting.kind);
  const periodKinds = isPostingKind(posting.kind) ? postingKinds[posting.kind].periodKinds.map((k) => periodKindLabels[k]).join("、") : "";
  const ackId = useId();
  const ackErrors = fields.acknowledgeSensitive.errors;
  const ackErrorId = ackErrors?.length ? `${ackId}-error` : undefined;
  const showFindings = findings.length > 0 || attachmentsNeedCare || !!ackErrors;
  // A refused draft comes back as typed: its rows as the messages number them, blank rows dropped.
  const rows = answer?.formKey ? tableRowsOf(form.initialValue?.row) : (open.tableRows ?? []);

  return (
    <PostForm action={action} {...getFormProps(form)} className="rounded border border-slate-200 bg-white p-6 shadow-sm">
      {/* Enter in a text field saves the draft rather than adding rows. */}
      <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true">
        保存草稿
      </button>
      <h2 className="mb-4 text-lg font-semibold text-slate-900">{open.number > 1 ? `编辑更正版本（第 ${open.number} 版）` : "编辑草稿"}</h2>
      <ErrorSummary result={useLastResult(editIntents)} labels={{ title: "标题", period: "公开期间", body: "正文" }} />
      {/* After a draft was not saved, the form stays on the version it was typed against: saving again is refused, never an overwrite. */}
      <input type="hidden" name="version" value={answer?.postedVersion ?? open.version} />
      <input type="hidden" name="acknowledgedFindings" value={findingsDigest} />
      <Field
        label="标题"
        name={fields.title.name}
        required
        maxLength={maxTitleLength}
        autoComplete="off"
        defaultValue={fields.title.initialValue ?? ""}
        errors={fields.title.errors}
      />
      {open.number === 1 ? (
        <PeriodPicker
          kinds={isPostingKind(posting.kind) ? postingKinds[posting.kind].periodKinds : []}
          initial={pickedPeriodOf(form.initialValue ?? {})}
          today={workspace.today}
          errors={fields.period.errors}
          hint={`${periodKinds ? `本类事项按${periodKinds}公开。` : ""}公开后不能再改。`}
        />
      ) : (
        <p className="mb-4 text-sm text-slate-600">公开期间不随更正改变。</p>
      )}
      <TextAreaField
        label="正文"
        name={fields.body.name}
        required
        rows={10}
        defaultValue={fields.body.initialValue ?? ""}
        errors={fields.body.errors}
        hint={bodyMarkupHint}
      />
      {spec ? (
        <TableGrid
          kind={posting.kind}
          spec={spec}
          rows={rows}
          savedRows={open.tableRows}
          blankRows={answer?.blankRows ?? defaultBlankRows}
          errors={errors.table ?? undefined}
          busy={busy}
        />
      ) : null}

      {showFindings ? (
        <section className="mb-4 rounded border border-amber-300 bg-amber-50 p-4" aria-labelledby={`${ackId}-heading`}>
          <h3 id={`${ackId}-heading`} className="mb-2 font-semibold text-amber-950">
            个人信息提示{findings.length ? `：发现 ${findings.length} 处号码` : ""}
          </h3>
          {findings.length ? (
            <p className="mb-3 text-sm text-amber-950">
              已保存的内容中有身份证号、手机号或银行卡号。公开页面会按下表的遮蔽形式显示，但请逐项核实确需公开；不需要公开的，请删除后再提交。
            </p>
          ) : null}
          {attachmentsNeedCare ? (
            <p className="mb-3 text-sm text-amber-950">
              附件（照片、PDF）按原样公开，系统不能遮蔽其中的号码：请确认附件中没有完整的身份证号、手机号或银行卡号。
            </p>
          ) : null}
          {findings.length ? <FindingsList findings={findings} /> : null}
          <div className="mt-3 flex items-start gap-2">
            <input
              id={ackId}
              type="checkbox"
              name={fields.acknowledgeSensitive.name}
              value="on"
              // Never ticked in advance: after any refusal the clerk confirms again what the list shows now.
              defaultChecked={false}
              className="mt-1 h-4 w-4"
              aria-invalid={ackErrorId ? true : undefined}
              aria-describedby={ackErrorId}
            />
            <label htmlFor={ackId} className="text-sm font-medium text-slate-900">
              我已逐项核实，以上号码确需公开，同意按遮蔽形式公开{attachmentsNeedCare ? "；附件中没有完整的个人号码" : ""}
            </label>
          </div>
          <ErrorList id={ackErrorId} errors={ackErrors} />
        </section>
      ) : null}

      <p className="mb-3 text-sm text-slate-600">
        保存后仍可修改；提交后由村务监督委员会审核，审核期间不能修改，审核通过即公开。提交前系统会检查身份证号、手机号和银行卡号。
      </p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
          保存草稿
        </Button>
        <Button type="submit" name="intent" value="submit" disabled={busy}>
          {open.state === "returned" ? "修改完毕，重新提交监督委员会审核" : "提交监督委员会审核"}
        </Button>
      </div>
    </PostForm>
  );
}
