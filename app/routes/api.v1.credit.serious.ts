import { creditListLoader } from "../domain/credit/open-data.server";

/** GET /api/v1/credit/serious (docs/api.md): the 严重违法失信名单. */
export const loader = creditListLoader("serious");
