import { creditListLoader } from "../domain/credit/open-data.server";

/** GET /api/v1/credit/abnormal (docs/api.md): the 活动异常名录. */
export const loader = creditListLoader("abnormal");
