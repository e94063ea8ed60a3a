import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { questionWorkReply } from "../domain/questions/commands.server";
import { villageQuestions } from "../domain/questions/queries.server";
import { answerDays, questionFilterOf, questionFilters } from "../domain/questions/rules";
import { QuestionWorkPage } from "../ui/question-work";

export const meta: MetaFunction = () => [{ title: "村民质询 - 村务公开" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const filter = questionFilterOf(new URL(request.url).searchParams.get("state"), "open");
  return { filter, ...(await villageQuestions(actor, filter, new Date())) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const reply = await questionWorkReply(actionContext(context, actor), await readForm(request));
  return data(reply.body, { status: reply.status });
}

export default function VillageQuestions() {
  const data = useLoaderData<typeof loader>();
  const description =
    data.role === "committee"
      ? `村民对本村公开事项提出的质询。村务公开员应在 ${answerDays} 日内答复；村务监督委员会可以另行答复，对辱骂、广告等不当内容可以说明理由后屏蔽。`
      : `村民对本村公开事项提出的质询，请在 ${answerDays} 日内答复；逾期未答复的会提示街道（镇）。答复与质询一起公开，提问人只显示姓氏。`;
  return <QuestionWorkPage title="村民质询" description={description} role={data.role} filter={data.filter} filters={questionFilters} items={data.items} truncated={data.truncated} counts={data.counts} showPlace={false} />;
}
