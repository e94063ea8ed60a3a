/**
 * The register's correction form as an officer would submit it: every field of
 * the record as it stands, then the changes, a reason and the version seen.
 */
import type { organizations } from "../../db/schema";
import type { CorrectionInput } from "../../app/domain/organizations/forms";

export function correctionFormOf(o: typeof organizations.$inferSelect, reason: string, changes: Partial<CorrectionInput> = {}): CorrectionInput {
  const value = <T,>(v: T | null) => v ?? undefined;
  return {
    name: o.name,
    uscc: value(o.uscc),
    filingNumber: value(o.filingNumber),
    certificateNumber: value(o.certificateNumber),
    registeringAuthority: value(o.registeringAuthority),
    supervisingUnit: value(o.supervisingUnit),
    legalRepresentative: value(o.legalRepresentative),
    address: value(o.address),
    registeredFunds: value(o.registeredFunds),
    businessScope: value(o.businessScope),
    category: value(o.category),
    contactPhone: value(o.contactPhone),
    placeId: value(o.placeId),
    reason,
    version: o.version,
    ...changes,
  };
}
