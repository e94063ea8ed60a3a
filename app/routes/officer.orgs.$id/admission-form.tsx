import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { admissionSchema } from "../../domain/party/forms";
import { parseSubmission } from "../../domain/shared/form-submission";
import { Button, Field, FormError, PostForm } from "../../ui/form";

/** Probationary members admitted on a day, one entry at a time. */
export function AdmissionForm({
  organizationId,
  today,
  lastResult,
}: {
  organizationId: number;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<z.input<typeof admissionSchema>, z.output<typeof admissionSchema>>(
    {
      id: `party-admission-${organizationId}`,
      lastResult,
      onValidate: ({ formData }) => parseSubmission(formData, { schema: admissionSchema }),
      shouldValidate: "onSubmit",
      shouldRevalidate: "onInput",
    },
  );
  const typed = (value: unknown) => (typeof value === "string" ? value : "");
  return (
    <PostForm
      action={`/officer/orgs/${organizationId}#party`}
      preventScrollReset
      {...getFormProps(form)}
      className="max-w-xl"
    >
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="party-admission" />
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Field
          label="接收日期"
          name={fields.admittedOn.name}
          type="date"
          max={today}
          defaultValue={typed(fields.admittedOn.initialValue)}
          errors={fields.admittedOn.errors}
          required
        />
        <Field
          label="接收人数"
          name={fields.count.name}
          inputMode="numeric"
          defaultValue={typed(fields.count.initialValue)}
          errors={fields.count.errors}
          hint="本次接收的预备党员人数"
          required
        />
      </div>
      <Button type="submit" variant="secondary">
        记录发展预备党员
      </Button>
    </PostForm>
  );
}
