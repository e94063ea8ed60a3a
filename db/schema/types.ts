import { customType } from "drizzle-orm/pg-core";

/** Binary content (session secret hashes, attachments). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
