/** Form schemas of the second factor, shared by the server (authoritative) and the browser (early hints). */
import { z } from "zod";
import { readRecoveryCode, readTotpCode } from "./second-factor-rules";

export const totpCodeSchema = z.object({
  code: z
    .string({ error: "请输入身份验证器上显示的 6 位验证码" })
    .max(40, "验证码为 6 位数字")
    .refine((v) => readTotpCode(v) !== null, "验证码为 6 位数字"),
});

export const recoveryCodeSchema = z.object({
  recoveryCode: z
    .string({ error: "请输入一个恢复码" })
    .max(40, "恢复码为 10 位字母和数字，形如 abcde-fgh23")
    .refine((v) => readRecoveryCode(v) !== null, "恢复码为 10 位字母和数字，形如 abcde-fgh23"),
});

export const reverifySchema = z.object({
  secret: z.string({ error: "请输入登录密码或验证码" }).min(1, "请输入登录密码或验证码").max(256),
  redirectTo: z.string().max(2000).optional(),
});
