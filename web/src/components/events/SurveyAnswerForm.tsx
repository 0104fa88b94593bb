// A company's answer to an impact survey (issue #15): per site, affected or not, and if so stock
// on hand, expected recovery date and alternative capacity; one comment. Field errors from the
// server are shown at their field (sites/0/expectedRecoveryOn).
import { useState } from 'react';
import { surveysApi, type SurveyAnswerBody, type CompanySurvey } from '../../api/surveys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { FormField, fieldProps, OtherErrors } from '../FormField.js';

interface SiteDraft {
  affected: '' | 'yes' | 'no';
  stockUnits: string;
  expectedRecoveryOn: string;
  alternativeCapacityPerDay: string;
}

const draftOf = (s: CompanySurvey): SiteDraft[] =>
  s.sites.map((site) => {
    const a = s.answer?.sites.find((x) => x.networkId === site.networkId && x.nodeId === site.nodeId);
    return {
      affected: a ? (a.affected ? 'yes' : 'no') : '',
      stockUnits: a?.stockUnits?.toString() ?? '',
      expectedRecoveryOn: a?.expectedRecoveryOn ?? '',
      alternativeCapacityPerDay: a?.alternativeCapacityPerDay?.toString() ?? '',
    };
  });

const numberOrText = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

export function SurveyAnswerForm({ survey, onAnswered }: { survey: CompanySurvey; onAnswered: (s: CompanySurvey) => void }) {
  const [sites, setSites] = useState<SiteDraft[]>(() => draftOf(survey));
  const [comment, setComment] = useState(survey.answer?.comment ?? '');
  const answer = useApiMutation((body: SurveyAnswerBody) => surveysApi.answer(survey.id, body), { onSaved: onAnswered });
  const { busy, fieldErrors: errors } = answer;
  const problem = answer.error ? (answer.error.detail ?? answer.error.title) : undefined;
  const set = (i: number, patch: Partial<SiteDraft>) => setSites((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void answer.run({
      sites: survey.sites.map((site, i) => {
        const d = sites[i]!;
        const affected = d.affected === 'yes';
        return {
          networkId: site.networkId,
          nodeId: site.nodeId,
          // Unanswered: sent as is, so the server names the field.
          affected: (d.affected === '' ? null : affected) as boolean,
          ...(affected && d.stockUnits.trim() !== '' ? { stockUnits: numberOrText(d.stockUnits) as number } : {}),
          ...(affected && d.expectedRecoveryOn !== '' ? { expectedRecoveryOn: d.expectedRecoveryOn } : {}),
          ...(affected && d.alternativeCapacityPerDay.trim() !== '' ? { alternativeCapacityPerDay: numberOrText(d.alternativeCapacityPerDay) as number } : {}),
        };
      }),
      comment,
    });
  }

  const shown = (f: string) => /^sites\/\d+\/(affected|stockUnits|expectedRecoveryOn|alternativeCapacityPerDay)$/.test(f) || f === 'comment';
  return (
    <form aria-label="Answer the impact survey" onSubmit={submit} noValidate>
      {survey.sites.map((site, i) => {
        const d = sites[i]!;
        const id = `site-${i}`;
        return (
          <fieldset key={`${site.networkId}/${site.nodeId}`} className="form-section" data-testid="survey-site">
            <legend>
              {site.nodeId} <span className="muted small">({site.part})</span>
            </legend>
            <FormField id={`${id}-affected`} label={`Is ${site.nodeId} affected?`} error={errors[`sites/${i}/affected`]} required>
              <select {...fieldProps(`${id}-affected`, errors[`sites/${i}/affected`])} value={d.affected} onChange={(e) => set(i, { affected: e.target.value as SiteDraft['affected'] })}>
                <option value="">Choose…</option>
                <option value="no">Not affected</option>
                <option value="yes">Affected</option>
              </select>
            </FormField>
            {d.affected === 'yes' ? (
              <div className="grid-3">
                <FormField id={`${id}-stock`} label="Stock on hand (units)" error={errors[`sites/${i}/stockUnits`]}>
                  <input {...fieldProps(`${id}-stock`, errors[`sites/${i}/stockUnits`])} inputMode="decimal" value={d.stockUnits} onChange={(e) => set(i, { stockUnits: e.target.value })} />
                </FormField>
                <FormField id={`${id}-recovery`} label="Expected recovery date" error={errors[`sites/${i}/expectedRecoveryOn`]}>
                  <input {...fieldProps(`${id}-recovery`, errors[`sites/${i}/expectedRecoveryOn`])} type="date" value={d.expectedRecoveryOn} onChange={(e) => set(i, { expectedRecoveryOn: e.target.value })} />
                </FormField>
                <FormField id={`${id}-alt`} label="Alternative capacity (units/day)" error={errors[`sites/${i}/alternativeCapacityPerDay`]}>
                  <input {...fieldProps(`${id}-alt`, errors[`sites/${i}/alternativeCapacityPerDay`])} inputMode="decimal" value={d.alternativeCapacityPerDay} onChange={(e) => set(i, { alternativeCapacityPerDay: e.target.value })} />
                </FormField>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <FormField id="survey-comment" label="Comment (optional)" error={errors.comment}>
        <textarea {...fieldProps('survey-comment', errors.comment)} rows={3} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </FormField>
      {problem ? <p className="field-error" role="alert">{problem}</p> : null}
      <OtherErrors errors={errors} shown={shown} />
      <button type="submit" className="btn btn-primary" disabled={busy}>{survey.answer ? 'Send the corrected answer' : 'Send the answer'}</button>
    </form>
  );
}
