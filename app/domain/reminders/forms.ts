import { z } from "zod";
import { maxRowId } from "../shared/ids";

const message = "找不到该提醒";

/** Marking one's reminders read: one, or all. */
export const reminderReadSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("read"), reminderId: z.coerce.number({ error: message }).int(message).positive(message).max(maxRowId, message) }),
    z.object({ intent: z.literal("read-all") }),
  ],
  { error: "无法识别的操作" },
);
