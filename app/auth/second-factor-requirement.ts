/** Which roles must sign in with a second factor: a district setting kept by administrators. */
import { z } from "zod";
import { roles, type Role } from "./roles";

/** A list of roles, each once, in the order roles are listed everywhere. */
export const secondFactorRolesSchema = z
  .array(z.enum(roles, { error: "请选择有效的角色" }), { error: "请选择角色" })
  .transform((chosen) => roles.filter((role) => chosen.includes(role)));

export function requiresSecondFactor(role: Role, requiredRoles: readonly Role[]): boolean {
  return requiredRoles.includes(role);
}

/** The form on the administrators' page: the roles ticked, why, and the list the page showed. */
export const secondFactorRequirementFormSchema = z.object({
  roles: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), secondFactorRolesSchema),
  reason: z.string({ error: "请填写调整原因" }).trim().min(2, "请填写调整原因（至少 2 个字）").max(500, "调整原因不超过 500 个字"),
  expected: z.string().optional(),
});
