/**
 * The net below the input checks: a value the database refuses (SQLSTATE
 * class 22: out of range, not of the column's type, an impossible date, NUL in
 * text) is the request's fault, so it is answered with a 400 and never a 500.
 * Pages and their data requests are answered by app/entry.server.tsx
 * (handleError marks the request); resource routes, which Remix answers
 * without asking the entry, wrap their loader and action in answeringInvalidData.
 */
import { isInvalidDataError } from "../../../db/client.server";
import { badRequest } from "./errors";
import { openDataError } from "./open-data";

export const invalidData = {
  title: "请求有误",
  message: "提交的数据超出允许范围或格式不正确，没有保存任何内容。请检查填写的数字、日期和文字后重新提交。",
} as const;

/** Logs what the database refused; the user sees only invalidData.message. */
export function logInvalidData(request: Request, error: unknown): void {
  console.error(`数据库拒绝了 ${request.method} ${new URL(request.url).pathname} 提交的数据，已答复 400：`, error);
}

/**
 * A resource route's loader or action, with the database's refusal of a value
 * turned into a 400: the open-data error for /api/, the user message otherwise.
 */
export function answeringInvalidData<Args extends { request: Request }>(
  handler: (args: Args) => Promise<Response>,
): (args: Args) => Promise<Response> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isInvalidDataError(error)) throw error;
      logInvalidData(args.request, error);
      if (new URL(args.request.url).pathname.startsWith("/api/")) throw openDataError(400, "invalid_parameter", invalidData.message);
      badRequest(invalidData.message);
    }
  };
}
