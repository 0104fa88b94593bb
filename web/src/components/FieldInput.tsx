import type { ReactNode } from 'react';
import type { Company, FieldSpec } from '../api/types.js';
import type { UnavailableSubscriber } from '../api/registers.js';
import { formatDate, humanise } from '../format.js';
import { LineItemsEditor, toDrafts, type ItemDraft } from './LineItemsEditor.js';

export type FieldValue = string | string[] | boolean | ItemDraft[];

const PROGRAM_SYMBOLS = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'B1', 'B8', 'B9', 'C2', 'C3', 'C9', 'N1', 'H7'];
export const RATING_OPTIONS = ['DO', 'DX'].flatMap((p) => PROGRAM_SYMBOLS.map((s) => `${p}-${s}`));

/** The value a field starts from: its default from the request (program, line items), else empty. */
export function initialValue(spec: FieldSpec): FieldValue {
  if (spec.type === 'boolean') return spec.default === true;
  if (spec.type === 'companies') return [];
  if (spec.type === 'line_items') return Array.isArray(spec.default) ? toDrafts(spec.default) : [];
  if (typeof spec.default === 'string' || typeof spec.default === 'number') return String(spec.default);
  return '';
}

const optionWords = (spec: FieldSpec, o: string) => spec.optionLabels?.[o] ?? humanise(o);
const STATUS_WORDS: Record<string, string> = { lapsed: 'Lapsed', withdrawn: 'Withdrawn' };

export function isEmpty(v: FieldValue | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Required outright, or because another field holds one of the listed values. */
export function isRequired(spec: FieldSpec, values: Record<string, FieldValue>): boolean {
  if (spec.required) return true;
  if (!spec.requiredWhen) return false;
  const other = values[spec.requiredWhen.field];
  return typeof other === 'string' && spec.requiredWhen.in.includes(other);
}

interface Props {
  spec: FieldSpec;
  value: FieldValue;
  required: boolean;
  error: string | undefined;
  /** Every field error of the form, for fields with parts (line items: "items/0/quantity"). */
  errors?: Record<string, string>;
  companies: Company[];
  /** Subscribers that may not be routed requests now, shown apart and not selectable. */
  unavailable?: UnavailableSubscriber[];
  loadingCompanies?: boolean;
  onChange(value: FieldValue): void;
}

export function FieldInput({ spec, value, required, error, errors = {}, companies, unavailable = [], loadingCompanies = false, onChange }: Props) {
  const id = `field-${spec.name}`;
  const help = [spec.help, spec.requiredWhen && !spec.required ? `Required when ${humanise(spec.requiredWhen.field).toLowerCase()} is ${spec.requiredWhen.in.map((v) => humanise(v).toLowerCase()).join(' or ')}.` : '']
    .filter(Boolean)
    .join(' ');
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: spec.name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, required };
  const label = (
    <label htmlFor={id} className="field-label">
      {spec.label}
      {required ? <span className="req" aria-hidden="true"> *</span> : <span className="optional"> (optional)</span>}
    </label>
  );
  const foot = (
    <>
      {help ? <div id={`${id}-help`} className="field-help">{help}</div> : null}
      {error ? <div id={`${id}-error`} className="field-error" role="alert">{error}</div> : null}
    </>
  );
  const str = typeof value === 'string' ? value : '';
  /** A one-control field: its label above, its help and error below. */
  const field = (control: ReactNode) => (
    <div className={error ? 'field has-error' : 'field'}>
      {label}
      {control}
      {foot}
    </div>
  );

  switch (spec.type) {
    case 'boolean':
      return (
        <div className={error ? 'field field-check has-error' : 'field field-check'}>
          <label className="check">
            <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
            <span>
              {spec.label}
              {required ? <span className="req" aria-hidden="true"> *</span> : null}
            </span>
          </label>
          {foot}
        </div>
      );
    case 'enum':
      return field(
        <select {...common} value={str} onChange={(e) => onChange(e.target.value)}>
          <option value="">{required ? 'Choose…' : '— none —'}</option>
          {(spec.options ?? []).map((o) => (
            <option key={o} value={o}>
              {optionWords(spec, o)}
            </option>
          ))}
        </select>,
      );
    case 'company':
      return field(
        <>
          <select {...common} value={str} onChange={(e) => onChange(e.target.value)}>
            <option value="">Choose a company…</option>
            {companies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.shortName})
              </option>
            ))}
          </select>
          {companies.length === 0 ? <div className="field-help">No companies of the supplying nation are registered.</div> : null}
        </>,
      );
    case 'companies': {
      const chosen = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
      return (
        <fieldset className={error ? 'field fieldset has-error' : 'field fieldset'} aria-describedby={describedBy}>
          <legend className="field-label">
            {spec.label}
            {required ? <span className="req" aria-hidden="true"> *</span> : null}
          </legend>
          {loadingCompanies ? <div className="field-help">Reading the Code of Conduct registry…</div> : null}
          {!loadingCompanies && companies.length === 0 ? <div className="field-help">No company of the supplying nation can be chosen.</div> : null}
          <ul className="check-list">
            {companies.map((c) => (
              <li key={c.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    name={spec.name}
                    value={c.id}
                    checked={chosen.includes(c.id)}
                    onChange={(e) => onChange(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
                  />
                  <span>
                    {c.name} <span className="muted">({c.shortName})</span>
                    {c.codeOfConductSince ? <span className="chip chip-ok">Code of Conduct since {formatDate(c.codeOfConductSince)}</span> : null}
                    {'match' in c && typeof c.match === 'string' ? <span className="field-help company-match" data-testid="company-match">{c.match}</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {unavailable.length ? (
            <div className="unavailable-subscribers" data-testid="unavailable-subscribers">
              <div className="field-help">Not available — only active subscribers may be routed a request:</div>
              <ul className="plain-list">
                {unavailable.map((u) => (
                  <li key={u.organisationId}>
                    {u.name} <span className="muted">({u.shortName})</span>{' '}
                    <span className="chip">
                      {STATUS_WORDS[u.status] ?? humanise(u.status)} since {formatDate(u.statusSince)}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {foot}
        </fieldset>
      );
    }
    case 'line_items':
      return (
        <fieldset className={error ? 'field fieldset has-error' : 'field fieldset'} aria-describedby={describedBy}>
          <legend className="field-label">
            {spec.label}
            {required ? <span className="req" aria-hidden="true"> *</span> : <span className="optional"> (change only what the question concerns)</span>}
          </legend>
          <LineItemsEditor items={Array.isArray(value) ? (value as ItemDraft[]) : []} onChange={onChange} errors={errors} newLineDate={(value as ItemDraft[])[0]?.requiredDeliveryDate ?? ''} />
          {foot}
        </fieldset>
      );
    case 'rating':
      return field(
        <>
          <input {...common} type="text" list={`${id}-list`} autoComplete="off" spellCheck={false} placeholder="DO-A1" value={str} onChange={(e) => onChange(e.target.value.toUpperCase())} />
          <datalist id={`${id}-list`}>
            {RATING_OPTIONS.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </>,
      );
    case 'integer':
      return field(<input {...common} type="number" inputMode="numeric" step={1} min={spec.min} max={spec.max} value={str} onChange={(e) => onChange(e.target.value)} />);
    case 'date':
      return field(<input {...common} type="date" value={str} onChange={(e) => onChange(e.target.value)} />);
    default: {
      const long = (spec.maxLength ?? 0) > 500;
      return field(
        long ? (
          <textarea {...common} rows={3} maxLength={spec.maxLength} value={str} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} type="text" maxLength={spec.maxLength} value={str} onChange={(e) => onChange(e.target.value)} />
        ),
      );
    }
  }
}
