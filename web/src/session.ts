// The signed-in user and the reference data every page needs.
import { createContext, useContext } from 'react';
import type { Reference, User } from './api/types.js';

export interface Session {
  user: User;
  reference: Reference;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export function nationName(reference: Reference, code: string): string {
  return reference.nations.find((n) => n.code === code)?.name ?? code;
}

export function hasRole(user: User, role: string): boolean {
  return user.roles.includes(role);
}
