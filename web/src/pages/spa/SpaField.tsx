// A field of the SPA form named by its path in the request ("orders/0/rating"): the id, the
// error under it and its link to the field all come from that path, as the server names it.
import type { InputHTMLAttributes, ReactNode } from 'react';

export const spaFieldId = (field: string) => `spa-${field.replace(/\//g, '-')}`;

export function spaAria(field: string, errors: Record<string, string>) {
  const id = spaFieldId(field);
  return { id, 'aria-invalid': errors[field] ? true : undefined, 'aria-describedby': errors[field] ? `${id}-error` : undefined };
}

export function SpaError({ field, errors }: { field: string; errors: Record<string, string> }) {
  return errors[field] ? <div id={`${spaFieldId(field)}-error`} className="field-error" role="alert">{errors[field]}</div> : null;
}

/** A labelled field: an input by default, or the control given as children (select, textarea). */
export function SpaField({ field, label, errors, children, ...input }: { field: string; label: string; errors: Record<string, string>; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={errors[field] ? 'field has-error' : 'field'}>
      <label htmlFor={spaFieldId(field)} className="field-label">{label}</label>
      {children ?? <input {...spaAria(field, errors)} {...input} />}
      <SpaError field={field} errors={errors} />
    </div>
  );
}
