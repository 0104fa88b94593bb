/**
 * A SOSA working group across the border (dpas-sosa-sources.md §2.1: "The Arrangements institute
 * working groups"; issue #13). A group is the two nations' joint record: the SOSA officers and
 * auditors of both nations, and its members, read all of it on a shared instance — its members
 * (chairs, organisations, addresses), meetings with agenda, minutes and attendance, and action items
 * with owner, due date and how it was counted. So the whole record crosses, in this one shape,
 * which is also what the group's page shows a reader of either nation
 * (services/partnership/working-groups/get-working-group.ts). What stays on the instance that
 * holds the group: who typed each part in (user ids), and which member is which local account —
 * an account of one instance means nothing on the other, and a login never crosses.
 */
export interface WorkingGroupFacts {
  group: { id: string; arrangement_id: string; name: string; purpose: string; program_id: string | null; status: 'active' | 'closed'; created_at: Date };
  members: ReadonlyArray<{ id: string; nation: string; name: string; organisation: string; email: string | null; chair: boolean }>;
  meetings: ReadonlyArray<{ id: string; title: string; starts_at: Date; time_zone: string; location: string; agenda: string; minutes: string }>;
  attendance: ReadonlyArray<{ meeting_id: string; member_id: string; present: boolean }>;
  items: ReadonlyArray<{
    id: string;
    meeting_id: string | null;
    title: string;
    owner_member_id: string;
    owner_nation: string;
    due_date: string;
    due_at: Date;
    due_basis: unknown;
    status: 'open' | 'done' | 'cancelled';
    closed_at: Date | null;
    overdue_at: Date | null;
    escalated_to: string | null;
  }>;
}

export interface BorderWorkingGroup {
  id: string;
  arrangementId: string;
  name: string;
  purpose: string;
  programId: string | null;
  status: 'active' | 'closed';
  createdAt: string;
  members: Array<{ id: string; nation: string; name: string; organisation: string; email: string | null; chair: boolean }>;
  meetings: Array<{ id: string; title: string; startsAt: string; timeZone: string; location: string; agenda: string; minutes: string; attendance: Array<{ memberId: string; present: boolean }> }>;
  actionItems: Array<{
    id: string;
    meetingId: string | null;
    title: string;
    ownerMemberId: string;
    ownerNation: string;
    dueDate: string;
    dueAt: string;
    dueBasis: Record<string, unknown>;
    status: 'open' | 'done' | 'cancelled';
    closedAt: string | null;
    escalatedAt: string | null;
    escalatedTo: string | null;
  }>;
}

/** The group as both nations read it, and as it crosses to the other nation's instance. Orders are the rows' (the page's). */
export function borderWorkingGroup(f: WorkingGroupFacts): BorderWorkingGroup {
  const g = f.group;
  return {
    id: g.id,
    arrangementId: g.arrangement_id,
    name: g.name,
    purpose: g.purpose,
    programId: g.program_id,
    status: g.status,
    createdAt: g.created_at.toISOString(),
    members: f.members.map((m) => ({ id: m.id, nation: m.nation, name: m.name, organisation: m.organisation, email: m.email, chair: m.chair })),
    meetings: f.meetings.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.starts_at.toISOString(),
      timeZone: m.time_zone,
      location: m.location,
      agenda: m.agenda,
      minutes: m.minutes,
      attendance: f.attendance.filter((a) => a.meeting_id === m.id).map((a) => ({ memberId: a.member_id, present: a.present })),
    })),
    actionItems: f.items.map((i) => ({
      id: i.id,
      meetingId: i.meeting_id,
      title: i.title,
      ownerMemberId: i.owner_member_id,
      ownerNation: i.owner_nation,
      dueDate: i.due_date,
      dueAt: i.due_at.toISOString(),
      dueBasis: (typeof i.due_basis === 'string' ? JSON.parse(i.due_basis) : i.due_basis) as Record<string, unknown>,
      status: i.status,
      closedAt: i.closed_at?.toISOString() ?? null,
      escalatedAt: i.overdue_at?.toISOString() ?? null,
      escalatedTo: i.escalated_to,
    })),
  };
}

/** Whether the instance of `peerNation` may hold a copy of a group of an arrangement between `nations`: it is one of them. */
export function workingGroupCrossesTo(nations: readonly string[], peerNation: string): boolean {
  return nations.includes(peerNation);
}
