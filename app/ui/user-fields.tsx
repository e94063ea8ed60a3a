import { roleLabels, roles, roleScope, type Role } from "../auth/roles";
import { Field, OptionGroups, SelectField } from "./form";

export interface PlaceChoice {
  id: number;
  name: string;
  level: string;
  children: Array<{ id: number; name: string }>;
}

/** The communities and villages of a place list, grouped under their street's or town's name. */
export function PlaceOptions({ units }: { units: ReadonlyArray<Pick<PlaceChoice, "name" | "children">> }) {
  return <OptionGroups groups={units.map((unit) => ({ label: unit.name, options: unit.children.map((c) => ({ value: String(c.id), label: c.name })) }))} />;
}

/** The part of conform's field metadata these inputs use. */
interface FieldState {
  name: string;
  initialValue?: unknown;
  errors?: string[];
}
type Fields = Record<"displayName" | "role" | "placeId" | "organizationCode" | "supervisingUnit" | "phone" | "email", FieldState>;

/** The labels of the account fields for a role (where it works decides what the place is called). */
export function userFieldLabels(role: Role | ""): Record<keyof Fields, string> {
  const scope = role ? roleScope[role] : "none";
  return {
    displayName: "姓名",
    role: "角色",
    placeId: scope === "street" ? "所辖街道（镇）" : "所在村（社区）",
    organizationCode: "所属社会组织的统一社会信用代码或备案号",
    supervisingUnit: "业务主管单位名称",
    phone: "手机号码（选填）",
    email: "电子邮箱（选填）",
  };
}

/** The account fields shared by "new account" and "edit account". */
export function UserAccountFields({
  fields,
  placeChoices,
  role,
  onRoleChange,
  initial,
}: {
  fields: Fields;
  placeChoices: PlaceChoice[];
  role: Role | "";
  onRoleChange: (role: Role) => void;
  initial?: { displayName?: string; role?: string; placeId?: number | null; organizationCode?: string | null; supervisingUnit?: string | null; phone?: string | null; email?: string | null };
}) {
  const scope = role ? roleScope[role] : "none";
  const labels = userFieldLabels(role);
  return (
    <>
      <Field label={labels.displayName} name={fields.displayName.name} defaultValue={(fields.displayName.initialValue as string) ?? initial?.displayName} errors={fields.displayName.errors} required />
      <SelectField
        label={labels.role}
        name={fields.role.name}
        defaultValue={(fields.role.initialValue as string) ?? initial?.role ?? ""}
        errors={fields.role.errors}
        onChange={(e) => onRoleChange(e.currentTarget.value as Role)}
      >
        <option value="">请选择</option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabels[r]}
          </option>
        ))}
      </SelectField>
      {scope === "street" || scope === "village" ? (
        <SelectField
          label={labels.placeId}
          name={fields.placeId.name}
          defaultValue={String(fields.placeId.initialValue ?? initial?.placeId ?? "")}
          errors={fields.placeId.errors}
        >
          <option value="">请选择</option>
          {scope === "street" ? (
            placeChoices.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))
          ) : (
            <PlaceOptions units={placeChoices} />
          )}
        </SelectField>
      ) : null}
      {scope === "organization" ? (
        <Field
          label={labels.organizationCode}
          name={fields.organizationCode.name}
          defaultValue={(fields.organizationCode.initialValue as string) ?? initial?.organizationCode ?? ""}
          errors={fields.organizationCode.errors}
          hint="账号只能查看和办理该组织自己的事项。筹备中、尚未登记的组织留空，成立登记准予后自动关联。"
        />
      ) : null}
      {scope === "unit" ? (
        <Field
          label={labels.supervisingUnit}
          name={fields.supervisingUnit.name}
          defaultValue={(fields.supervisingUnit.initialValue as string) ?? initial?.supervisingUnit ?? ""}
          errors={fields.supervisingUnit.errors}
          maxLength={60}
          hint="与社会组织申请中填写的业务主管单位名称一致，如：鲤城区文化体育和旅游局；账号只能审查写明本单位的成立申请"
        />
      ) : null}
      <Field label={labels.phone} name={fields.phone.name} defaultValue={(fields.phone.initialValue as string) ?? initial?.phone ?? ""} errors={fields.phone.errors} inputMode="numeric" />
      <Field
        label={labels.email}
        name={fields.email.name}
        type="email"
        defaultValue={(fields.email.initialValue as string) ?? initial?.email ?? ""}
        errors={fields.email.errors}
        maxLength={254}
        hint="填写后，系统提醒同时发送到该邮箱"
      />
    </>
  );
}
