import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseRowId } from "../domain/shared/ids";
import {
  findPublicOrganization,
  openDataError,
  openDataHeaders,
  openDataRecord,
} from "../domain/organizations/public.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

/** GET /api/v1/organizations/:id (docs/api.md): one organization's public record. */
export const loader = answeringInvalidData(async ({ params }: LoaderFunctionArgs) => {
  const id = parseRowId(params.id);
  const record = id == null ? null : await findPublicOrganization(id);
  if (!record) return openDataError(404, "not_found", "登记簿中没有该社会组织。");
  return Response.json(openDataRecord(record), { headers: openDataHeaders });
});
