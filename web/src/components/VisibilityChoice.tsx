import type { Visibility } from '../api/types.js';

/** Shared (default) or internal, with what each means spelled out. */
export function VisibilityChoice({ name, value, onChange, nation }: { name: string; value: Visibility; onChange(v: Visibility): void; nation: string }) {
  return (
    <fieldset className="visibility-choice">
      <legend className="sr-only">Who can see it</legend>
      <label className={value === 'shared' ? 'seg active' : 'seg'}>
        <input type="radio" name={name} value="shared" checked={value === 'shared'} onChange={() => onChange('shared')} />
        Shared
      </label>
      <label className={value === 'internal' ? 'seg active internal' : 'seg'}>
        <input type="radio" name={name} value="internal" checked={value === 'internal'} onChange={() => onChange('internal')} />
        Internal
      </label>
      <span className="visibility-help" aria-live="polite">
        {value === 'shared'
          ? 'Visible to both nations on this request.'
          : `Internal: only users of ${nation} see it. The other nation never sees it.`}
      </span>
    </fieldset>
  );
}
