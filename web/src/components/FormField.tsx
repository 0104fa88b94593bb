import type { ReactNode } from 'react';

/** Props for an input tied to its label and its error message. */
export function fieldProps(id: string, error: string | undefined) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
}

/** A labelled field with its error under it (the error names what to fix). */
export function FormField({ id, label, error, required, help, children }: { id: string; label: string; error?: string; required?: boolean; help?: ReactNode; children: ReactNode }) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? <span className="req" aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {help ? <div className="field-help">{help}</div> : null}
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** Field errors that belong to no field shown ("capabilities/0/fsc" when rows are keyed so), as a list. */
export function OtherErrors({ errors, shown }: { errors: Record<string, string>; shown: (field: string) => boolean }) {
  const rest = Object.entries(errors).filter(([f]) => !shown(f));
  if (!rest.length) return null;
  return (
    <ul className="error-list" role="alert">
      {rest.map(([f, m]) => (
        <li key={f}>
          {f}: {m}
        </li>
      ))}
    </ul>
  );
}

/** A labelled text input (or date, e-mail, …) with its error, the most common field of the forms. */
export function InputField({ id, label, error, required, help, type, className, placeholder, readOnly, autoComplete, value, onChange }: { id: string; label: string; error?: string; required?: boolean; help?: ReactNode; type?: string; className?: string; placeholder?: string; readOnly?: boolean; autoComplete?: string; value: string; onChange(value: string): void }) {
  return (
    <FormField id={id} label={label} error={error} required={required} help={help}>
      <input type={type} {...fieldProps(id, error)} className={className} placeholder={placeholder} readOnly={readOnly} autoComplete={autoComplete} value={value} onChange={(e) => onChange(e.target.value)} />
    </FormField>
  );
}

/** A labelled select of fixed choices (value and label pairs), with its error. */
export function SelectField<V extends string>({ id, label, error, help, value, options, onChange }: { id: string; label: string; error?: string; help?: ReactNode; value: NoInfer<V>; options: ReadonlyArray<readonly [value: V, label: string]>; onChange(value: NoInfer<V>): void }) {
  return (
    <FormField id={id} label={label} error={error} help={help}>
      <select {...fieldProps(id, error)} value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </FormField>
  );
}
