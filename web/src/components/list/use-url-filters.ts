// A list page's filters live in its address (#/requests?state=…&offset=50), so a filtered list can
// be bookmarked and the back button undoes a filter. The search box is typed into freely and put in
// the address on "Search"; any other change starts the list again at its first page.
import { useEffect, useMemo, useState } from 'react';
import { navigate } from '../../router.js';
import type { Reference } from '../../api/types.js';

export function useUrlFilters(path: string, query: URLSearchParams) {
  const q = query.get('q') ?? '';
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('offset' in changes)) next.delete('offset');
    const s = next.toString();
    navigate(`${path}${s ? `?${s}` : ''}`, { replace: true });
  };
  return {
    q,
    offset,
    text,
    setText,
    set,
    search: () => set({ q: text.trim() || undefined }),
    clear: () => navigate(path, { replace: true }),
  };
}

/** Every workflow's states, each id once with its first label: the options of a "State" filter. */
export function useWorkflowStates(reference: Reference): [string, string][] {
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const wf of Object.values(reference.workflows)) for (const s of wf.states) if (!seen.has(s.id)) seen.set(s.id, s.label);
    return [...seen.entries()];
  }, [reference]);
}
