import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataError, openDataHeaders } from "../domain/shared/open-data";
import { parseRowId } from "../domain/shared/ids";
import { tableSpecOf } from "../domain/postings/rules";
import { publicPosting } from "../domain/postings/public.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

type PublicPosting = Awaited<ReturnType<typeof publicPosting>>;

/** A posting, as the domain returns it to the public (masked), in the open-data shape. */
function openDataPosting({ posting, place, street, versions }: PublicPosting, origin: string) {
  const spec = tableSpecOf(posting.kind);
  const current = versions.find((v) => v.number === posting.currentVersion) ?? versions[0];
  return {
    id: posting.id,
    village: place.name,
    villageCode: place.code,
    street: street.name,
    streetCode: street.code,
    category: posting.category,
    kind: posting.kind,
    title: current?.title ?? null,
    period: posting.period,
    status: posting.status,
    retention: posting.retention,
    version: posting.currentVersion,
    hash: current?.contentHash ?? null,
    firstPublishedAt: posting.firstPublishedAt,
    publishedAt: posting.publishedAt,
    withdrawnAt: posting.withdrawnAt,
    withdrawnReason: posting.withdrawnReason,
    versions: versions.map((v) => ({
      version: v.number,
      title: v.title,
      body: v.body,
      table: spec && v.tableRows ? { columns: spec.columns.map(({ key, label, type }) => ({ key, label, type })), rows: v.tableRows } : null,
      correctionReason: v.correctionReason,
      publishedAt: v.publishedAt,
      hash: v.contentHash,
      previousHash: v.previousHash,
      chainSeq: v.chainSeq,
      review: { reviewer: v.reviewerName, opinion: v.reviewOpinion, reviewedAt: v.reviewedAt },
      files: v.files.map((f) => ({ name: f.fileName, contentType: f.contentType, size: f.size, url: `${origin}/postings/files/${f.id}` })),
    })),
  };
}

/** GET /api/v1/postings/:id (docs/api.md): one published or withdrawn posting with every published version. */
export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const id = parseRowId(params.id);
  const found = id == null ? null : await publicPosting(id).catch((error: unknown) => {
    if (error instanceof Response && error.status === 404) return null;
    throw error;
  });
  if (!found) return openDataError(404, "not_found", "找不到该公开事项。");
  return Response.json(openDataPosting(found, new URL(request.url).origin), { headers: openDataHeaders });
});
