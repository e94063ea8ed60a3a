/**
 * The fields many forms share, with their Chinese messages: a date typed or
 * picked (YYYY-MM-DD), a row id a page sends back, a text with its bounds.
 */
import { z } from "zod";
import { maxRowId } from "./ids";
import { parseIsoDate } from "./time";

export const isoDateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(10, { error: `${label}不是有效日期，请按 2026-05-31 的格式填写`, abort: true })
    .refine((v) => parseIsoDate(v) !== null, `${label}不是有效日期，请按 2026-05-31 的格式填写`);

export const textField = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `请填写${label}（至少 ${min} 个字）`)
    .max(max, `${label}不能超过 ${max} 个字`);

/** A row id as a form sends it; beyond PostgreSQL's integer it cannot name a row. */
export const rowIdField = (message: string) => z.coerce.number({ error: message }).int(message).positive(message).max(maxRowId, message);

/** The version a page saw: another's change in between makes it stale. */
export const versionField = rowIdField("页面已过期，请刷新后重试");
