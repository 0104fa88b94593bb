import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../../store/executor.js';
import { listMilestoneRows, listProgramRequestsOfNation, listProgramRows, listRiskRows, type MilestoneInput, type RiskInput } from '../../store/programs.repository.js';
import type { ProgramStatus } from '../../store/schema.js';

// A program as its parties read it, and who its parties are. The SQL is in src/store/programs.repository.ts.

export type { MilestoneInput, RiskInput } from '../../store/programs.repository.js';

export const PROGRAM_ID = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

export interface ProgramInput {
  name: string;
  description: string;
  status: ProgramStatus;
  startDate: string | null;
  partnerNations: string[];
  dpasProgramSymbol: string | null;
  networkId: string | null;
  workingGroupId: string | null;
  milestones: MilestoneInput[];
  risks: RiskInput[];
}

export interface ProgramView {
  id: string;
  name: string;
  description: string;
  leadNation: string;
  partnerNations: string[];
  status: ProgramStatus;
  startDate: string | null;
  dpasProgramSymbol: string | null;
  networkId: string | null;
  workingGroupId: string | null;
  version: number;
  milestones: Array<MilestoneInput & { id: string }>;
  risks: Array<RiskInput & { id: string; score: number }>;
  /** The next milestone not done, for the list. */
  nextMilestone: (MilestoneInput & { id: string }) | null;
  openRisks: number;
  requests?: Array<{ id: string; reference: string; title: string; state: string; fromNation: string; toNation: string; urgency: string; requiredBy: string }>;
}

export function programNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No program ${id} that you may see.` });
}

/** A program's parties are its lead nation and its partner nations. */
export function isParty(actor: Actor, p: { nation: string; partner_nations: string[] }): boolean {
  return p.nation === actor.nation || p.partner_nations.includes(actor.nation);
}

export async function loadProgramViews(db: Db, actor: Actor, ids: readonly string[], withRequests = false): Promise<ProgramView[]> {
  if (ids.length === 0) return [];
  const rows = await listProgramRows(db, ids);
  const milestones = await listMilestoneRows(db, ids);
  const risks = await listRiskRows(db, ids);
  // The sovereignty rule: only requests the actor's nation is party to.
  const requests = withRequests ? await listProgramRequestsOfNation(db, ids, actor.nation) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const ms = milestones.filter((m) => m.program_id === id).map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on, status: m.status, completedOn: m.completed_on }));
    const rs = risks.filter((k) => k.program_id === id).map((k) => ({ id: k.id, title: k.title, likelihood: k.likelihood, impact: k.impact, score: k.likelihood * k.impact, owner: k.owner, mitigation: k.mitigation, status: k.status }));
    const view: ProgramView = {
      id: r.id,
      name: r.name,
      description: r.description,
      leadNation: r.nation,
      partnerNations: r.partner_nations,
      status: r.status,
      startDate: r.start_date,
      dpasProgramSymbol: r.dpas_program_symbol,
      networkId: r.network_id,
      workingGroupId: r.working_group_id,
      version: r.version,
      milestones: ms,
      risks: rs,
      nextMilestone: [...ms].sort((a, b) => a.dueOn.localeCompare(b.dueOn)).find((m) => m.status !== 'done') ?? null,
      openRisks: rs.filter((k) => k.status === 'open').length,
    };
    if (withRequests) {
      view.requests = requests
        .filter((q) => q.program_id === id)
        .map((q) => ({ id: q.id, reference: q.reference, title: q.title, state: q.state, fromNation: q.from_nation, toNation: q.to_nation, urgency: q.urgency, requiredBy: q.required_by }));
    }
    return [view];
  });
}
