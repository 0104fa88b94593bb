import { randomUUID } from 'node:crypto';
import { passwordProblem } from '../../domain/auth/password-policy.js';
import { rolesConflict } from '../../domain/auth/separation-of-duties.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import { appendAudit } from '../../store/audit.repository.js';
import { findOrganisation, insertOrganisation } from '../../store/code-of-conduct.repository.js';
import type { Db } from '../../store/executor.js';
import {
  findOrganisationByName,
  findUserWithOrganisationKind,
  insertUser,
  listOrganisationsOfNation,
  listUsersOfNation,
  nationKnown,
  revokeUserSessions,
  updateUserRow,
  usernameTaken,
} from '../../store/users.repository.js';
import type { SessionUser } from '../auth/sessions.js';
import { hashPassword } from '../auth/passwords.js';
import { isUuid } from '../../domain/uuid.js';

// User administration: an admin manages the users of its own nation (GET, POST, PATCH /users);
// the operator creates a nation's first admin with `sosa admin create`. Both create users through
// createUser, so the password rule (NIST SP 800-63B, issue #10.10), separation of duties (#10.7),
// the company/supplier rule and the unique username hold for every user, however made.

/** An admin of a nation (through the API), or the operator at the console (`sosa admin create`, no user yet). */
export type UserCreator = { kind: 'admin'; admin: SessionUser } | { kind: 'operator' };

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: readonly Role[];
  /** An existing organisation of the creating admin's nation; the operator names one of `nation`, created when missing. */
  organisation: { id: string } | { nation: string; name: string; kind: 'ministry' | 'agency' | 'company' };
}

/** NIST SP 800-63B: a clear 422 naming the password, which is never echoed. */
export function checkPassword(password: string, username: string, detail = 'The password cannot be used.'): void {
  const problem = passwordProblem(password, { username });
  if (problem) throw validationError([{ field: 'password', message: problem }], detail);
}

/** A company user holds the supplier role only, and only a company user holds it. */
function checkRolesFit(kind: string, roles: readonly string[]): void {
  const company = kind === 'company';
  if (company && roles.some((r) => r !== 'supplier')) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'roles', message: 'a company user holds the supplier role only' }] });
  if (!company && roles.includes('supplier')) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'roles', message: 'the supplier role is for users of a company' }] });
}

/**
 * The rules a new user's roles and password meet before anything is written (the operator's
 * console checks them before it opens the data directory): separation of duties (#10.7), then the
 * password (#10.10).
 */
export function checkNewUser(input: Pick<NewUserInput, 'username' | 'password' | 'roles'>, passwordDetail?: string): void {
  const conflict = rolesConflict(input.roles);
  if (conflict) throw validationError([conflict], 'These roles may not be held together (separation of duties).');
  checkPassword(input.password, input.username, passwordDetail);
}

/**
 * A refused role change is audited (issue #10.7): an admin trying to give itself roles, or to
 * make an auditor who also decides, is what the auditors must see. Written in its own
 * transaction, since the refusal rolls the change back.
 */
async function refuse(db: Db, admin: SessionUser, action: 'user.create_refused' | 'user.update_refused', entityId: string, data: Record<string, unknown>, error: AppError): Promise<never> {
  await db.transaction().execute((trx) => appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action, entityType: 'user', entityId, data: { ...data, reason: error.errors[0]?.message ?? error.detail ?? error.code } }));
  throw error;
}

/** The users of the nation with their organisation. */
export async function listUsers(db: Db, nation: string) {
  return listUsersOfNation(db, nation);
}

/** The organisations of the nation. */
export async function listOrganisations(db: Db, nation: string) {
  return listOrganisationsOfNation(db, nation);
}

/**
 * Creates a user, audited. An admin creates one in an organisation of its own nation, and its
 * refusal for separation of duties is audited; the operator names the nation and organisation
 * (created when missing) and a refusal is only printed. Returns the new user's id.
 */
export async function createUser(db: Db, creator: UserCreator, input: NewUserInput, options: { passwordDetail?: string } = {}): Promise<{ id: string; organisationId: string }> {
  let organisationId: string | null = null;
  if ('id' in input.organisation) {
    if (creator.kind !== 'admin') throw new Error('an organisation by id is for an admin of its nation');
    const admin = creator.admin;
    const org = await findOrganisation(db, input.organisation.id);
    if (!org || org.nation !== admin.nation) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'organisationId', message: `no organisation of ${admin.nation} with this id` }] });
    checkRolesFit(org.kind, input.roles);
    organisationId = org.id;
    const conflict = rolesConflict(input.roles);
    if (conflict) await refuse(db, admin, 'user.create_refused', input.username, { username: input.username, roles: input.roles }, validationError([conflict]));
    checkPassword(input.password, input.username);
  } else {
    checkNewUser(input, options.passwordDetail);
  }
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    let nation: string;
    if ('id' in input.organisation) {
      nation = (creator as { admin: SessionUser }).admin.nation;
    } else {
      const named = input.organisation;
      nation = named.nation;
      if (!(await nationKnown(trx, nation))) throw new AppError('VALIDATION_FAILED', { detail: `Unknown nation ${nation}.` });
      const found = await findOrganisationByName(trx, nation, named.name);
      if (found) {
        checkRolesFit(found.kind, input.roles);
        organisationId = found.id;
      } else {
        checkRolesFit(named.kind, input.roles);
        organisationId = randomUUID();
        await insertOrganisation(trx, { id: organisationId, nation, kind: named.kind, name: named.name, short_name: named.name.slice(0, 40), code_of_conduct_since: null });
      }
    }
    if (await usernameTaken(trx, input.username)) throw new AppError('DUPLICATE', { detail: `The username ${input.username} is taken.`, errors: [{ field: 'username', message: 'is taken' }] });
    await insertUser(trx, { id, username: input.username, display_name: input.displayName, password_hash: passwordHash, nation, organisation_id: organisationId!, roles: [...input.roles] });
    const by = creator.kind === 'admin' ? { actorId: creator.admin.userId, actor: creator.admin.username } : { actorId: null, actor: 'cli' };
    await appendAudit(trx, { ...by, nation, action: 'user.create', entityType: 'user', entityId: id, data: { username: input.username, roles: input.roles, organisation: organisationId } });
  });
  return { id, organisationId: organisationId! };
}

export interface UserChange {
  active?: boolean | undefined;
  roles?: Role[] | undefined;
  password?: string | undefined;
}

/** An admin changes roles, deactivates or resets the password of a user of its nation, audited; deactivation and a reset end the user's sessions. */
export async function updateUser(db: Db, admin: SessionUser, id: string, input: UserChange, now: Date): Promise<void> {
  // The checks read the user outside the write: a refusal is audited in its own transaction,
  // which a rollback of the change must not take with it. Nation, kind and username never change.
  const target = isUuid(id) ? await findUserWithOrganisationKind(db, id) : undefined;
  if (!target || target.nation !== admin.nation) throw new AppError('NOT_FOUND', { detail: `No user ${id} of ${admin.nation}.` });
  if (input.roles) checkRolesFit(target.kind, input.roles);
  if (target.id === admin.userId && input.active === false) throw new AppError('CONFLICT', { detail: 'An admin cannot deactivate itself.' });
  const changesRoles = input.roles !== undefined && (input.roles.length !== target.roles.length || input.roles.some((r) => !target.roles.includes(r)));
  if (changesRoles && target.id === admin.userId) {
    await refuse(db, admin, 'user.update_refused', target.id, { roles: input.roles }, new AppError('FORBIDDEN', { detail: 'No user changes its own roles: another admin of your nation must do it (separation of duties).' }));
  }
  const conflict = input.roles ? rolesConflict(input.roles) : null;
  if (conflict) await refuse(db, admin, 'user.update_refused', target.id, { roles: input.roles }, validationError([conflict]));
  if (input.password) checkPassword(input.password, target.username);
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, target.id, {
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.roles ? { roles: input.roles } : {}),
      ...(input.password ? { password_hash: await hashPassword(input.password) } : {}),
    });
    if (input.active === false || input.password) {
      // Deactivation and a password reset end the user's sessions at once.
      await revokeUserSessions(trx, target.id, now);
    }
    await appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action: 'user.update', entityType: 'user', entityId: target.id, data: { active: input.active, roles: input.roles, passwordReset: Boolean(input.password) } });
  });
}
