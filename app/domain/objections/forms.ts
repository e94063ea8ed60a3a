/**
 * The objection forms, shared by the server (authoritative) and the browser:
 * the organization's objection, and the registry's answer and correction.
 */
import { z } from "zod";
import { creditParts } from "../../../vocabulary";
import { rowIdField as rowId, textField as text, versionField as version } from "../shared/form-fields";

export const objectionSchema = z.object({
  part: z.enum(creditParts, { error: "请选择异议涉及的信用信息" }),
  subject: text("具体条目", 2, 200),
  statement: text("异议内容和理由", 10, 2000),
  requested: text("请求更正的内容", 4, 1000),
});
export type ObjectionPost = z.output<typeof objectionSchema>;

const step = { objectionId: rowId("找不到该异议"), version };

/** The registry's work on an objection: the verified answer (upheld or not), then the correction of an upheld one. */
export const objectionWorkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("uphold"), ...step, answer: text("核实结论", 10, 2000) }),
  z.object({ intent: z.literal("dismiss"), ...step, answer: text("不予更正的理由", 10, 2000) }),
  z.object({ intent: z.literal("correct"), ...step, correction: text("更正情况", 10, 2000) }),
]);
export type ObjectionWork = z.output<typeof objectionWorkSchema>;
