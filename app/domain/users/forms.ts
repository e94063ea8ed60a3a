/** Form schemas for accounts, shared by the server (authoritative) and the browser (early hints). */
import { z } from "zod";
import { roles } from "../../../vocabulary";
import { passwordProblems } from "../../auth/password-policy";
import { roleScope } from "../../auth/roles";

const password = z
  .string({ error: "请输入密码" })
  .superRefine((value, ctx) => {
    for (const message of passwordProblems(value)) ctx.addIssue({ code: "custom", message });
  });

/** A row id as a form sends it; beyond PostgreSQL's integer it cannot name a row. */
const optionalId = z.coerce.number({ error: "编号无效" }).int("编号无效").positive("编号无效").max(2_147_483_647, "编号无效").optional();

const accountFields = {
  displayName: z
    .string({ error: "请输入姓名" })
    .trim()
    .min(1, "请输入姓名")
    .max(40, "姓名不超过 40 个字"),
  role: z.enum(roles, { error: "请选择角色" }),
  placeId: optionalId,
  organizationCode: z.string().trim().max(40).optional(),
  /** A 业务主管单位's account: the unit's name as applications name it. */
  supervisingUnit: z.string().trim().max(60, "单位名称不超过 60 个字").optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, "手机号码应为 11 位数字")
    .optional(),
  /** Reminders are also sent here by e-mail (when the server has SMTP configured). */
  email: z
    .string()
    .trim()
    .max(254, "邮箱地址不超过 254 个字符")
    .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, "请填写有效的邮箱地址，如 name@example.gov.cn")
    .optional(),
};

const scopeFields = z.object({
  role: accountFields.role,
  placeId: accountFields.placeId,
  organizationCode: accountFields.organizationCode,
  supervisingUnit: accountFields.supervisingUnit,
});
type ScopeFields = z.output<typeof scopeFields>;

// Zod skips an object's refinements while any field fails; `when` lets these run as
// soon as the fields they read are valid, so every problem shows on the first submit.
const whenScopeParses = { when: (payload: { value: unknown }) => scopeFields.safeParse(payload.value).success };

/**
 * Each role needs the scope it acts in. An association account may have no
 * organization yet: a preparatory group (筹备组) applying for establishment.
 */
function withScopeRules<T extends z.ZodType<ScopeFields>>(schema: T): T {
  return schema
    .refine((v) => roleScope[v.role] !== "street" || !!v.placeId, {
      path: ["placeId"],
      message: "街道（镇）工作人员须指定所辖街道或镇",
      ...whenScopeParses,
    })
    .refine((v) => roleScope[v.role] !== "village" || !!v.placeId, {
      path: ["placeId"],
      message: "须指定所在的村或社区",
      ...whenScopeParses,
    })
    .refine((v) => roleScope[v.role] !== "unit" || (v.supervisingUnit ?? "").length >= 2, {
      path: ["supervisingUnit"],
      message: "须填写业务主管单位的名称，与申请中填写的业务主管单位一致",
      ...whenScopeParses,
    });
}

export const userCreateSchema = withScopeRules(
  z.object({
    username: z
      .string({ error: "请输入用户名" })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, "用户名为 3-32 位小写字母、数字或 _ . -，以字母或数字开头"),
    ...accountFields,
    password,
  }),
);

export const userUpdateSchema = withScopeRules(
  z.object({ ...accountFields, version: z.coerce.number().int().positive().max(2_147_483_647) }),
);

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: "请输入当前密码" }),
    newPassword: password,
    confirmPassword: z.string({ error: "请再次输入新密码" }),
  })
  .superRefine((value, ctx) => {
    if (value.newPassword !== value.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "两次输入的新密码不一致" });
    }
    if (value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "新密码不能与当前密码相同" });
    }
  });

export const loginSchema = z.object({
  username: z.string({ error: "请输入用户名" }).trim().min(1, "请输入用户名").max(64),
  password: z.string({ error: "请输入密码" }).min(1, "请输入密码").max(256),
  redirectTo: z.string().optional(),
});

export const reasonSchema = z.object({
  reason: z.string({ error: "请填写原因" }).trim().min(2, "请填写原因（至少 2 个字）").max(500),
  version: z.coerce.number().int().positive().max(2_147_483_647),
});
