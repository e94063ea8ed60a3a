import { createContext, useContext } from "react";

/**
 * The id of the form a field is in (PostForm provides it), so each field's id
 * is known before it renders: the error summary at the top of the form links
 * to fields below it, on the server's page too.
 */
export const FormIdContext = createContext<string | null>(null);

export function useFormId(): string | null {
  return useContext(FormIdContext);
}

/** A field's id in its form: conform's own (`fields.x.id`), so a control made by hand can take it too. */
export function fieldId(formId: string, name: string): string {
  return `${formId}-${name}`;
}
