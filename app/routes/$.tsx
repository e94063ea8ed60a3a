import { notFound } from "../domain/shared/errors";
import { GeneralErrorBoundary } from "../ui/error-boundary";

/** Any URL no route claims: a 404 page inside the site's layout. */
export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
