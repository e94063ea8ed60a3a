import { useId } from "react";
import { memberCellName, type MemberRowValues } from "../../domain/committees/forms";
import { memberPostOptions, postLabel, type CommitteeBody, type MemberPost } from "../../domain/committees/rules";
import { ErrorList } from "../../ui/form";

/** The members of a term as a grid of cells named `member.<row>.<cell>`, the rows typed or saved followed by blank ones. */
export function MembersGrid({
  body,
  rows,
  blankRows,
  firstIsChair,
  errors,
  hint,
}: {
  body: CommitteeBody;
  rows: MemberRowValues[];
  blankRows: number;
  firstIsChair: boolean;
  errors?: string[];
  hint: string;
}) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  // The party secretary may sit on the residents' or villagers' committee only; the other bodies' rules say so.
  const secretaryColumn = body === "residents" || body === "villagers";
  const total = rows.length + blankRows;
  return (
    <fieldset className="mb-4 min-w-0" aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(" ")}>
      <legend className="text-sm font-medium text-slate-700">成员</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <ErrorList id={errorId} errors={errors} />
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[28rem] border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 bg-slate-50">
              <th scope="col" className="w-12 px-2 py-1.5 text-left font-medium">序号</th>
              <th scope="col" className="px-1 py-1.5 text-left font-medium">姓名</th>
              <th scope="col" className="px-1 py-1.5 text-left font-medium">职务</th>
              {secretaryColumn ? <th scope="col" className="px-1 py-1.5 text-left font-medium">兼任党组织书记</th> : null}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: total }, (_, i) => {
              const row = rows[i];
              const post: MemberPost | string = row?.post ?? (firstIsChair && i === 0 ? "chair" : "member");
              return (
                <tr key={i} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-normal text-slate-500">
                    {i + 1}
                  </th>
                  <td className="px-1 py-1">
                    <input
                      name={memberCellName(i, "name")}
                      defaultValue={row?.name ?? ""}
                      aria-label={`第 ${i + 1} 名成员 姓名`}
                      aria-invalid={errorId && row ? true : undefined}
                      autoComplete="off"
                      maxLength={40}
                      className="block w-full min-w-[8rem] rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600"
                    />
                  </td>
                  <td className="px-1 py-1">
                    <select
                      name={memberCellName(i, "post")}
                      defaultValue={post}
                      aria-label={`第 ${i + 1} 名成员 职务`}
                      className="block w-full rounded border border-slate-300 bg-white px-2 py-1"
                    >
                      {memberPostOptions.map((option) => (
                        <option key={option} value={option}>
                          {postLabel(body, option)}
                        </option>
                      ))}
                    </select>
                  </td>
                  {secretaryColumn ? (
                    <td className="px-1 py-1">
                      <input
                        type="checkbox"
                        name={memberCellName(i, "partySecretary")}
                        value="on"
                        defaultChecked={row?.partySecretary ?? false}
                        aria-label={`第 ${i + 1} 名成员 兼任党组织书记`}
                        className="h-4 w-4"
                      />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
