import { DomainError, type Role, type SectionName } from '@hall/contracts';

/** Who is calling: the platform operator, or a client bound to one hall. */
export type Principal =
  | { kind: 'admin'; clientId: 'admin' }
  | { kind: 'client'; hallId: string; clientId: string; role: Role; windowId: string | null; section: SectionName | null; staffId: string | null };

/**
 * Checks that the caller may act in `hallId` with one of `roles`. The operator
 * acts as a supervisor everywhere. A token of another hall is a 403 (logged by
 * the error handler), whatever the roles.
 */
export function authorize(principal: Principal | undefined, hallId: string, roles: readonly Role[]): Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
  if (principal.kind === 'admin') return principal;
  if (principal.hallId !== hallId) throw new DomainError('OTHER_HALL', 'This token belongs to another hall');
  if (!roles.includes(principal.role)) {
    throw new DomainError('FORBIDDEN', `Role ${principal.role} may not do this; allowed: ${[...new Set(roles)].join(', ')}`);
  }
  return principal;
}

/** The role a principal acts with (the operator acts as supervisor). */
export function roleOf(principal: Principal): Role {
  return principal.kind === 'admin' ? 'supervisor' : principal.role;
}

/**
 * A staff token reads its own person only (decision 1601): the month, quarter
 * and year reads call this with the person the document is about.
 */
export function staffReadsOwn(principal: Principal, staffId: string): void {
  if (principal.kind === 'client' && principal.role === 'staff' && principal.staffId !== staffId) {
    throw new DomainError('FORBIDDEN', 'A staff member reads their own month, quarter and year only');
  }
}

/** The person a staff token is bound to; undefined for every other caller. */
export function ownStaffId(principal: Principal): string | undefined {
  return principal.kind === 'client' && principal.role === 'staff' ? (principal.staffId ?? '') : undefined;
}
