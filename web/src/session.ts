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

/** A nation's name as it reads inside a sentence: "India", "the United States". */
export function nationInSentence(reference: Reference, code: string): string {
  const name = nationName(reference, code);
  return /^(United|Republic|Netherlands|Czech|Philippines|Kingdom)\b/.test(name) ? `the ${name}` : name;
}

export function hasRole(user: User, role: string): boolean {
  return (user.roles as readonly string[]).includes(role);
}
