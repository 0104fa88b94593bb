// Creating or editing a co-production program: its facts, partner nations, milestones and risks.
import { useState } from 'react';
import { MILESTONE_STATUSES, partnershipApi, PROGRAM_STATUSES, type Milestone, type Program, type ProgramInput, type ProgramStatus, type Risk } from '../../api/registers.js';
import { FormDialog } from '../../components/FormDialog.js';
import { fieldProps, FormField, InputField } from '../../components/FormField.js';
import { humanise } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useSession } from '../../session.js';

const blankMilestone = (): Milestone => ({ title: '', dueOn: '', status: 'planned', completedOn: null });
const blankRisk = (): Risk => ({ title: '', likelihood: 3, impact: 3, owner: '', mitigation: '', status: 'open' });
const blankProgram = (): ProgramInput => ({ name: '', description: '', status: 'proposed', startDate: null, partnerNations: [], dpasProgramSymbol: null, networkId: null, workingGroupId: null, milestones: [], risks: [] });
const editable = (p: Program): ProgramInput => ({ name: p.name, description: p.description, status: p.status, startDate: p.startDate, partnerNations: [...p.partnerNations], dpasProgramSymbol: p.dpasProgramSymbol, networkId: p.networkId, workingGroupId: p.workingGroupId, milestones: p.milestones.map((m) => ({ ...m })), risks: p.risks.map((k) => ({ ...k })) });
const SHOWN = /^(id|name|description|status|startDate|partnerNations(\/\d+)?|dpasProgramSymbol|networkId|workingGroupId|milestones\/\d+\/(title|dueOn|completedOn)|risks\/\d+\/(title|owner|likelihood|impact))$/;

export function ProgramDialog({ existing, onClose, onSaved }: { existing?: Program; onClose(): void; onSaved(p: Program): void }) {
  const { user, reference } = useSession();
  const [code, setCode] = useState(`${user.nation}-`);
  const [form, setForm] = useState<ProgramInput>(existing ? editable(existing) : blankProgram());
  const save = useApiMutation(() => (existing ? partnershipApi.updateProgram(existing.id, { ...form, version: existing.version }) : partnershipApi.createProgram({ ...form, id: code.trim() })), {
    invalidates: [keys.programs.all],
    stores: (p) => keys.programs.detail(p.id),
    onSaved,
  });
  const errors = save.fieldErrors;
  const set = (patch: Partial<ProgramInput>) => setForm({ ...form, ...patch });
  const lead = existing?.leadNation ?? user.nation;
  const ms = (i: number, patch: Partial<Milestone>) => set({ milestones: form.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const rk = (i: number, patch: Partial<Risk>) => set({ risks: form.risks.map((k, j) => (j === i ? { ...k, ...patch } : k)) });
  return (
    <FormDialog
      title={existing ? `Edit ${existing.name}` : 'New co-production program'}
      onClose={onClose}
      save={save}
      submitLabel={existing ? 'Save' : 'Create program'}
      shown={(f) => SHOWN.test(f)}
      wide
    >
      <div className="grid-2">
        {!existing ? <InputField id="pg-id" label="Program code" required error={errors.id} help="Requests cite it, e.g. IN-F414-ENGINE." className="mono" value={code} onChange={(v) => setCode(v.toUpperCase())} /> : null}
        <InputField id="pg-name" label="Name" required error={errors.name} value={form.name} onChange={(name) => set({ name })} />
        <FormField id="pg-status-field" label="Status" required error={errors.status}>
          <select {...fieldProps('pg-status-field', errors.status)} value={form.status} onChange={(e) => set({ status: e.target.value as ProgramStatus })}>
            {PROGRAM_STATUSES.map((s) => (
              <option key={s} value={s}>{humanise(s)}</option>
            ))}
          </select>
        </FormField>
        <InputField id="pg-start" label="Start date" type="date" error={errors.startDate} value={form.startDate ?? ''} onChange={(v) => set({ startDate: v || null })} />
        <InputField id="pg-symbol" label="DPAS program symbol" error={errors.dpasProgramSymbol} help="Schedule I, e.g. A1 aircraft." value={form.dpasProgramSymbol ?? ''} onChange={(v) => set({ dpasProgramSymbol: v.trim().toUpperCase() || null })} />
        <InputField id="pg-network" label="Supply network id" error={errors.networkId} className="mono" value={form.networkId ?? ''} onChange={(v) => set({ networkId: v.trim() || null })} />
        <InputField id="pg-wg" label="Working group id" error={errors.workingGroupId} className="mono" value={form.workingGroupId ?? ''} onChange={(v) => set({ workingGroupId: v.trim() || null })} />
      </div>
      <fieldset className="fieldset">
        <legend className="field-label">Partner nations (besides {lead}, the lead)</legend>
        <div className="check-list">
          {reference.nations.filter((n) => n.code !== lead).map((n) => (
            <label key={n.code} className="check">
              <input type="checkbox" checked={form.partnerNations.includes(n.code)} onChange={(e) => set({ partnerNations: e.target.checked ? [...form.partnerNations, n.code] : form.partnerNations.filter((x) => x !== n.code) })} /> {n.name}
            </label>
          ))}
        </div>
        {errors.partnerNations ? <div className="field-error" role="alert">{errors.partnerNations}</div> : null}
      </fieldset>
      <FormField id="pg-description" label="Description" error={errors.description}>
        <textarea {...fieldProps('pg-description', errors.description)} rows={2} value={form.description} onChange={(e) => set({ description: e.target.value })} />
      </FormField>
      <h3 className="subhead">Milestones</h3>
      {form.milestones.map((m, i) => (
        <div key={i} className="register-row">
          <InputField id={`ms-${i}-title`} label="Milestone" error={errors[`milestones/${i}/title`]} value={m.title} onChange={(title) => ms(i, { title })} />
          <InputField id={`ms-${i}-due`} label="Due" type="date" error={errors[`milestones/${i}/dueOn`]} value={m.dueOn} onChange={(dueOn) => ms(i, { dueOn })} />
          <FormField id={`ms-${i}-status`} label="Status">
            <select id={`ms-${i}-status`} value={m.status} onChange={(e) => ms(i, { status: e.target.value as Milestone['status'] })}>
              {MILESTONE_STATUSES.map((s) => (
                <option key={s} value={s}>{humanise(s)}</option>
              ))}
            </select>
          </FormField>
          <InputField id={`ms-${i}-done`} label="Done on" type="date" error={errors[`milestones/${i}/completedOn`]} value={m.completedOn ?? ''} onChange={(v) => ms(i, { completedOn: v || null })} />
          <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ milestones: form.milestones.filter((_, j) => j !== i) })}>Remove</button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => set({ milestones: [...form.milestones, blankMilestone()] })}>Add milestone</button>
      <h3 className="subhead">Risks</h3>
      {form.risks.map((k, i) => (
        <div key={i} className="register-row">
          <InputField id={`rk-${i}-title`} label="Risk" error={errors[`risks/${i}/title`]} value={k.title} onChange={(title) => rk(i, { title })} />
          <ScoreField id={`rk-${i}-l`} label="Likelihood (1–5)" error={errors[`risks/${i}/likelihood`]} value={k.likelihood} onChange={(likelihood) => rk(i, { likelihood })} />
          <ScoreField id={`rk-${i}-i`} label="Impact (1–5)" error={errors[`risks/${i}/impact`]} value={k.impact} onChange={(impact) => rk(i, { impact })} />
          <InputField id={`rk-${i}-owner`} label="Owner" error={errors[`risks/${i}/owner`]} value={k.owner} onChange={(owner) => rk(i, { owner })} />
          <FormField id={`rk-${i}-status`} label="Status">
            <select id={`rk-${i}-status`} value={k.status} onChange={(e) => rk(i, { status: e.target.value as Risk['status'] })}>
              <option value="open">Open</option>
              <option value="mitigated">Mitigated</option>
              <option value="closed">Closed</option>
            </select>
          </FormField>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ risks: form.risks.filter((_, j) => j !== i) })}>Remove</button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => set({ risks: [...form.risks, blankRisk()] })}>Add risk</button>
    </FormDialog>
  );
}

/** A 1–5 choice (likelihood, impact). */
function ScoreField({ id, label, error, value, onChange }: { id: string; label: string; error: string | undefined; value: number; onChange(v: number): void }) {
  return (
    <FormField id={id} label={label} error={error}>
      <select {...fieldProps(id, error)} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
    </FormField>
  );
}
