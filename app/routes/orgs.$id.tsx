import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { publicOrganization } from "../domain/organizations/public.server";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { PublicRecordPage, publicRecordTitle } from "../ui/public-record";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: publicRecordTitle(data?.name) }];

export async function loader({ params }: LoaderFunctionArgs) {
  return publicOrganization(rowIdOrNotFound(params.id, "登记簿中没有该社会组织。"));
}

export default function PublicRecord() {
  return <PublicRecordPage record={useLoaderData<typeof loader>()} />;
}
