import { listingConfirmation } from "../../domain/credit/confirmations";
import { publishConfirmation } from "../../domain/inspections/confirmations";
import { conclusionLabels } from "../../domain/inspections/rules";
import { postedList, postedText, type PostedValues } from "../../domain/shared/confirmation";
import type { YearPage } from "./route";

/* What the year page's irreversible steps will do, read from the form that asks for them. */

/** 公布: the row's one conclusion (`reportId`), or all those the form lists (`reportIds`). */
export function publishSummary(page: YearPage) {
  return (values: PostedValues) => {
    const one = postedText(values, "reportId");
    const ids = one ? [one] : postedList(values, "reportIds");
    const chosen = page.toPublish.filter((r) => ids.includes(String(r.id)));
    return publishConfirmation(
      page.year,
      chosen.map((r) => ({ name: r.name, conclusion: r.conclusion ? conclusionLabels[r.conclusion] : "—" })),
    );
  };
}

/** 列入活动异常名录: the row's organization (`only`), or those ticked, with the batch's reason and date. */
export function nonFilerListingSummary(page: YearPage) {
  return (values: PostedValues) => {
    const one = postedText(values, "only");
    const ids = one ? [one] : postedList(values, "organizationIds");
    const entries = page.notFiled.filter((r) => ids.includes(String(r.id))).map((r) => ({ name: r.name, list: "abnormal" as const }));
    return listingConfirmation({ entries, listedOn: postedText(values, "listedOn"), ground: postedText(values, "reason") });
  };
}
