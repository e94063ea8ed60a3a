import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { questionWorkReply } from "../domain/questions/commands.server";
import { officerQuestions } from "../domain/questions/queries.server";
import { answerDays, questionFilterOf } from "../domain/questions/rules";
import { QuestionWorkPage } from "../ui/question-work";

export const meta: MetaFunction = () => [{ title: "村民质询督办 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "posting:monitor");
  const filter = questionFilterOf(new URL(request.url).searchParams.get("state"), "overdue");
  return { filter, ...(await officerQuestions(actor, filter, new Date())) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "posting:monitor");
  const reply = await questionWorkReply(actionContext(context, actor), await readForm(request));
  return data(reply.body, { status: reply.status });
}

export default function OfficerQuestions() {
  const data = useLoaderData<typeof loader>();
  return (
    <QuestionWorkPage
      title="村民质询督办"
      description={`村民对村务公开事项提出的质询，村应在 ${answerDays} 日内答复。这里首先列出逾期未答复的质询，请督促所在村答复；对不当内容可以说明理由后屏蔽。`}
      role="officer"
      filter={data.filter}
      filters={["overdue", "open", "answered", "hidden", "all"]}
      items={data.items}
      truncated={data.truncated}
      showPlace
    />
  );
}
