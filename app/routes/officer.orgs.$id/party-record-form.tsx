import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useState } from "react";
import {
  coverageChoiceLabels,
  coverageChoiceOf,
  coverageChoices,
  type CoverageChoice,
} from "../../domain/party/forms";
import { branchKindLabels, ownBranchMinimum } from "../../domain/party/rules";
import { Button, ErrorList, Field, FormError, PostForm, SelectField } from "../../ui/form";
import { useHydrated } from "../../ui/hydrated";
import type { PartyData } from "./party-section";

/** The record form's fields as posted (partyRecordSchema reads them into the record). */
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

/** Member counts and one way of coverage, with the fields that way needs. */
export function PartyRecordForm({
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
  // Only the branches this organization may join (partyRecordFrom).
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
  const initialChoice: CoverageChoice = (coverageChoices as readonly unknown[]).includes(
    postedChoice,
  )
    ? (postedChoice as CoverageChoice)
    : coverageChoiceOf(record);
  const [choice, setChoice] = useState<CoverageChoice>(initialChoice);
  // Without JavaScript every choice shows its fields; once hydrated, only the chosen one's.
  const hydrated = useHydrated();
  const shown = (option: CoverageChoice) => !hydrated || choice === option;
  return (
    <PostForm
      action={`/officer/orgs/${organizationId}#party`}
      preventScrollReset
      {...getFormProps(form)}
    >
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="party-record" />
      {/* A refused save keeps the version it was typed against, so saving again stays refused rather than overwriting. */}
      <input
        type="hidden"
        name={fields.version.name}
        value={typed(fields.version.initialValue, record?.version)}
      />
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
          defaultValue={typed(
            fields.probationaryMembers.initialValue,
            record?.probationaryMembers ?? 0,
          )}
          errors={fields.probationaryMembers.errors}
          required
        />
      </div>
      <fieldset
        className="mb-4"
        aria-describedby={fields.coverage.errors?.length ? "party-coverage-error" : undefined}
      >
        <legend className="text-sm font-medium text-slate-700">
          覆盖方式<span className="text-red-700"> *</span>
        </legend>
        <p className="mt-1 text-xs text-slate-500">
          正式党员 {ownBranchMinimum} 名以上的应单独组建党支部；不足 {ownBranchMinimum}{" "}
          名的可纳入联合党支部，都不具备条件的选派党建指导员。
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
                  {branches.length ? (
                    <SelectField
                      label="党支部"
                      name={fields.branchId.name}
                      defaultValue={typed(fields.branchId.initialValue, record?.branchId)}
                      errors={fields.branchId.errors}
                      hint="本街道（镇）的联合党支部和全区的行业联合党支部"
                    >
                      <option value="">请选择</option>
                      {(["joint", "single"] as const)
                        .filter((kind) => branches.some((b) => b.kind === kind))
                        .map((kind) => (
                          <optgroup key={kind} label={branchKindLabels[kind]}>
                            {branches
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
                        本街道（镇）和全区暂无党支部。可新建本组织党支部，或在
                        <Link to="/officer/party">党建覆盖</Link>页面成立联合党支部。
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
