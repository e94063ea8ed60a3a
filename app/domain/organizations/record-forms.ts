/**
 * Every form of an organization's record page (/officer/orgs/:id), told apart
 * by its intent: the officer's correction, which posts none, and the party
 * section's record, admission and acceptance of an annual report's members.
 */
import { z } from "zod";
import {
  acceptReportSchema,
  admissionSchema,
  isPartyIntent,
  partyRecordSchema,
} from "../party/forms";
import { correctionSchema } from "./forms";

export const recordFormSchema = z.discriminatedUnion(
  "intent",
  [
    correctionSchema.extend({ intent: z.literal("correction").default("correction") }),
    partyRecordSchema,
    admissionSchema,
    acceptReportSchema,
  ],
  { error: "无法识别的操作，请刷新页面后重试。" },
);

export type RecordIntent = z.output<typeof recordFormSchema>["intent"];

/** The intent a posted form names: the correction's when it names none; null when it names one the page does not have. */
export function recordIntentOf(posted: unknown): RecordIntent | null {
  if (posted === undefined || posted === "correction") return "correction";
  return isPartyIntent(posted) ? posted : null;
}

/** Who may post it: the party section needs party:manage, a correction organization:correct. */
export function recordPermission(intent: RecordIntent): "party:manage" | "organization:correct" {
  return intent === "correction" ? "organization:correct" : "party:manage";
}
