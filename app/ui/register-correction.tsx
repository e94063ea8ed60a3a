import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useFetcher, useLocation } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import {
  communityCategories,
  communityCategoryLabels,
  isFiled,
  mayBeCommunityOrganization,
  organizationFieldLabel,
  type CommunityCategory,
  type OrganizationType,
} from "../domain/organizations/rules";
import type { correctionSchema } from "../domain/organizations/forms";
import { Button, ErrorList, ErrorSummary, Field, PostForm, SelectField, TextAreaField } from "./form";
import { useHydrated } from "./hydrated";
import { PlaceOptions } from "./user-fields";

/** The record as the correction form starts from it. */
export interface CorrectableRecord {
  id: number;
  version: number;
  type: OrganizationType;
  name: string;
  uscc: string | null;
  usccAcceptedReason: string | null;
  filingNumber: string | null;
  certificateNumber: string | null;
  registeringAuthority: string | null;
  supervisingUnit: string | null;
  legalRepresentative: string | null;
  address: string | null;
  registeredFunds: number | null;
  businessScope: string | null;
  category: CommunityCategory | null;
  contactPhone: string | null;
  placeId: number | null;
}

export interface PlaceGroup {
  id: number;
  name: string;
  children: Array<{ id: number; name: string }>;
}

/** Every street and town, and the communities and villages of the one shown. */
export interface StreetPlaces {
  streets: Array<{ id: number; name: string }>;
  street: PlaceGroup | null;
}

/** The address parameter that names the street whose communities the form lists. */
export const placeStreetParam = "placeStreet";

/**
 * The officer's correction of a record: every correctable field of its kind,
 * the reason (published with the change), and the version it was loaded at.
 * After a refused submission, what was typed stays and each error sits beside its field.
 */
export function CorrectionForm({
  record,
  places,
  lastResult,
}: {
  record: CorrectableRecord;
  places: StreetPlaces;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm<z.input<typeof correctionSchema>>({
    id: `correction-${record.id}-${record.version}`,
    lastResult,
    // Validated on the server, which knows the record's kind and the other organizations.
    shouldValidate: "onSubmit",
    // A reset (a new version after a save) sets a select to its default here, or else to no option at all, which would send nothing.
    defaultValue: { placeId: record.placeId == null ? "" : String(record.placeId), category: record.category ?? "" },
  });
  const filed = isFiled(record.type);
  const label = (field: string) => organizationFieldLabel(field, record.type);
  const initial = (field: keyof typeof fields, fallback: string | number | null) => {
    const typed = fields[field].initialValue;
    return typeof typed === "string" ? typed : fallback == null ? "" : String(fallback);
  };
  // In the order the form shows them, for the error summary.
  const summaryLabels = {
    ...Object.fromEntries(["name", "filingNumber", "uscc", "certificateNumber"].map((f) => [f, label(f)])),
    usccAcceptedReason: "核准说明",
    ...Object.fromEntries(["registeringAuthority", "supervisingUnit", "legalRepresentative", "registeredFunds", "address"].map((f) => [f, label(f)])),
    placeId: label("place"),
    category: label("category"),
    contactPhone: label("contactPhone"),
    businessScope: label("businessScope"),
    reason: "更正原因",
  };
  const [acceptLegacy, setAcceptLegacy] = useState(fields.acceptLegacyUscc.initialValue === "on");
  // Filed organizations must have a category; registered social groups and private non-enterprise units may.
  const categorySelect = mayBeCommunityOrganization(record.type) ? (
    <SelectField
      label={filed ? label("category") : `${label("category")}（登记的社区社会组织填写）`}
      name={fields.category.name}
      defaultValue={initial("category", record.category)}
      errors={fields.category.errors}
      hint={filed ? undefined : "在本社区（村）服务居民的社会团体、民办非企业单位可标明类别，按“一居多会”的统计口径计入所属社区（村）；须同时选择所属社区（村）。不是社区社会组织的请留空。"}
    >
      <option value="">{filed ? "请选择" : "（不是社区社会组织）"}</option>
      {communityCategories.map((c) => (
        <option key={c} value={c}>
          {communityCategoryLabels[c]}
        </option>
      ))}
    </SelectField>
  ) : null;
  const streetForm = `place-street-${record.id}`;
  // Another street's list is fetched from this page's own loader, so the record the form was drawn
  // from (and the version it will send) stays as it was: a reload would take a newer version under
  // what was typed against the older one, and the save would overwrite another officer's change.
  const streetList = useFetcher<{ places: StreetPlaces }>();
  const street = streetList.data?.places.street ?? places.street;
  return (
    <>
      {/* The street chooser's own form (its field sits in the correction form's grid, tied by `form`): without JavaScript, asking for another street's list reloads the page. */}
      <Form method="get" id={streetForm} preventScrollReset replace />
      <PostForm {...getFormProps(form)}>
        <ErrorSummary result={lastResult} labels={summaryLabels} />
        <input type="hidden" name="version" value={record.version} />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <Field label={label("name")} name={fields.name.name} defaultValue={initial("name", record.name)} errors={fields.name.errors} required />
          {filed ? (
            <>
              <Field label={label("filingNumber")} name={fields.filingNumber.name} defaultValue={initial("filingNumber", record.filingNumber)} errors={fields.filingNumber.errors} required />
              {categorySelect}
            </>
          ) : (
            <>
              <Field
                label={label("uscc")}
                name={fields.uscc.name}
                defaultValue={initial("uscc", record.uscc)}
                errors={fields.uscc.errors}
                autoComplete="off"
                spellCheck={false}
                required
              />
              <Field label={label("certificateNumber")} name={fields.certificateNumber.name} defaultValue={initial("certificateNumber", record.certificateNumber)} errors={fields.certificateNumber.errors} />
            </>
          )}
        </div>
        {filed ? null : (
          <fieldset className="mb-4 rounded border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium text-slate-700">早期试点代码</legend>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name={fields.acceptLegacyUscc.name}
                defaultChecked={acceptLegacy}
                onChange={(e) => setAcceptLegacy(e.currentTarget.checked)}
                className="mt-1"
              />
              <span>
                接受未通过校验的代码
                <span className="block text-xs text-slate-600">
                  仅适用于校验码不符、但经核实为早期试点合法赋予的代码；长度、字符或类型有误的代码不能接受。
                  {record.usccAcceptedReason ? `当前代码已于此前核准接受：${record.usccAcceptedReason}` : ""}
                </span>
              </span>
            </label>
            {acceptLegacy ? (
              <div className="mt-3">
                <TextAreaField
                  label="核准说明"
                  name={fields.usccAcceptedReason.name}
                  defaultValue={initial("usccAcceptedReason", null)}
                  errors={fields.usccAcceptedReason.errors}
                  hint="写明核实依据，如原发证机关的证明或批准文件。仅供登记管理机关内部查阅。"
                  required
                />
              </div>
            ) : (
              <ErrorList errors={fields.usccAcceptedReason.errors} />
            )}
          </fieldset>
        )}
        <div className="grid gap-x-6 sm:grid-cols-2">
          <Field label={label("registeringAuthority")} name={fields.registeringAuthority.name} defaultValue={initial("registeringAuthority", record.registeringAuthority)} errors={fields.registeringAuthority.errors} />
          <Field label={label("supervisingUnit")} name={fields.supervisingUnit.name} defaultValue={initial("supervisingUnit", record.supervisingUnit)} errors={fields.supervisingUnit.errors} />
          <Field label={label("legalRepresentative")} name={fields.legalRepresentative.name} defaultValue={initial("legalRepresentative", record.legalRepresentative)} errors={fields.legalRepresentative.errors} />
          {filed ? null : (
            <Field
              label={`${label("registeredFunds")}（元）`}
              name={fields.registeredFunds.name}
              defaultValue={initial("registeredFunds", record.registeredFunds)}
              errors={fields.registeredFunds.errors}
              inputMode="numeric"
            />
          )}
          <Field label={label("address")} name={fields.address.name} defaultValue={initial("address", record.address)} errors={fields.address.errors} />
          <StreetSwitch places={places} form={streetForm} onChoose={(id) => streetList.load(id)} />
          <SelectField
            // Drawn anew for another street's list: the old choice may not be in it.
            key={street?.id}
            label={label("place")}
            name={fields.placeId.name}
            defaultValue={initial("placeId", record.placeId)}
            errors={fields.placeId.errors}
          >
            <option value="">{filed ? "请选择" : "（不属于具体社区或村）"}</option>
            {street ? <PlaceOptions units={[street]} /> : null}
          </SelectField>
          {filed ? null : categorySelect}
          <Field
            label={`${label("contactPhone")}（不公开）`}
            name={fields.contactPhone.name}
            defaultValue={initial("contactPhone", record.contactPhone)}
            errors={fields.contactPhone.errors}
            inputMode="tel"
          />
        </div>
        <TextAreaField label={label("businessScope")} name={fields.businessScope.name} defaultValue={initial("businessScope", record.businessScope)} errors={fields.businessScope.errors} />
        <TextAreaField
          label="更正原因"
          name={fields.reason.name}
          defaultValue={initial("reason", null)}
          errors={fields.reason.errors}
          hint="更正原因连同更正前后的内容将在公开的变更记录中公示（联系电话和代码核准说明除外），请勿填写个人隐私。"
          required
        />
        <Button type="submit">保存更正</Button>
      </PostForm>
    </>
  );
}

/**
 * The street or town whose communities and villages the place list holds: choosing another
 * fetches its list at once (`onChoose` is given the address to fetch it from); without
 * JavaScript, its button reloads the page with that street's list.
 */
function StreetSwitch({ places, form, onChoose }: { places: StreetPlaces; form: string; onChoose: (href: string) => void }) {
  const hydrated = useHydrated();
  const { pathname } = useLocation();
  return (
    <div className="flex items-end gap-2">
      <div className="flex-1">
        <SelectField
          label="所属街道（镇）"
          name={placeStreetParam}
          form={form}
          defaultValue={places.street ? String(places.street.id) : ""}
          hint="选择街道（镇）后，在其社区（村）中选择"
          onChange={(event) => onChoose(`${pathname}?${new URLSearchParams({ [placeStreetParam]: event.currentTarget.value })}`)}
        >
          {places.streets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      {hydrated ? null : (
        <div className="mb-4">
          <Button type="submit" form={form} variant="secondary">
            列出社区（村）
          </Button>
        </div>
      )}
    </div>
  );
}
