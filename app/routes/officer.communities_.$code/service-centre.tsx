import { getFormProps, useForm } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { maxFloorArea, postedText } from "../../domain/committees/forms";
import { formatDateTime } from "../../domain/shared/time";
import { Button, Field, FormError, PostForm, TextAreaField } from "../../ui/form";
import type { CommitteePageData } from "./page-data";
import { otherErrors, ReplyNotice, useLastResult, type CommitteeReply } from "./reply";

type Centre = CommitteePageData["serviceCentre"];

/** The party and community service centre (党群服务中心): its floor area and facilities. */
export function ServiceCentrePanel({ centre, reply, formKey }: { centre: Centre; reply: CommitteeReply | undefined; formKey: string }) {
  return (
    <section id="service-centre" aria-labelledby="service-centre-heading" className="panel">
      <h2 id="service-centre-heading" className="mb-3 text-lg font-semibold text-slate-900">
        党群服务中心
      </h2>
      {centre ? (
        <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">建筑面积</dt>
            <dd className="tabular-nums">{centre.floorArea === null ? "未录入" : `${centre.floorArea} 平方米`}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-600">服务设施</dt>
            <dd>{centre.facilities.length ? centre.facilities.join("、") : "未录入"}</dd>
          </div>
          <div>
            <dt className="text-slate-600">最近更新</dt>
            <dd>{formatDateTime(centre.updatedAt)}</dd>
          </div>
        </dl>
      ) : (
        <p className="mb-4 text-sm text-slate-600">尚未录入服务中心信息。</p>
      )}
      <ReplyNotice reply={reply} />
      <ServiceCentreForm key={formKey} centre={centre} reply={reply} />
    </section>
  );
}

function ServiceCentreForm({ centre, reply }: { centre: Centre; reply: CommitteeReply | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<{ floorArea: string; facilities: string; version: string }>({
    id: "committee-service-centre",
    lastResult: useLastResult(reply),
    defaultValue: { floorArea: centre?.floorArea === null || !centre ? "" : String(centre.floorArea), facilities: centre?.facilities.join("\n") ?? "" },
  });
  return (
    <PostForm {...getFormProps(form, { ariaAttributes: false })} aria-label="服务中心信息" noValidate preventScrollReset className="max-w-xl">
      <FormError errors={otherErrors(form.allErrors, ["floorArea", "facilities"])} />
      <input type="hidden" name={fields.version.name} value={centre?.version ?? ""} />
      <Field
        label="建筑面积（平方米）"
        name={fields.floorArea.name}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={postedText(fields.floorArea.initialValue).trim()}
        errors={fields.floorArea.errors}
        hint={`整数，0 至 ${maxFloorArea}；不清楚可留空`}
      />
      <TextAreaField
        label="服务设施"
        name={fields.facilities.name}
        rows={4}
        defaultValue={postedText(fields.facilities.initialValue)}
        errors={fields.facilities.errors}
        hint="每行一项，也可用“、”分隔，如：日间照料中心、图书室、警务室。最多 30 项，每项不超过 30 字。"
      />
      <Button type="submit" name="intent" value="service-centre" disabled={navigation.state === "submitting"}>
        保存服务中心信息
      </Button>
    </PostForm>
  );
}
