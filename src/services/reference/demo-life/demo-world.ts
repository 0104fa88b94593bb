import type { Role } from '../../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../../domain/access/actor.js';
import { getLinkedOrderId, listCompanyShortNames, listUsersForActors } from '../../../store/seed/demo.repository.js';
import type { AppContext } from '../../context.js';
import { createRequest, type NewRequestInput } from '../../requests/create-request.js';
import { transitionRequest } from '../../requests/transition-request.js';
import type { DemoClock } from './demo-clock.js';
import type { Timeline } from './timeline.js';

/**
 * What a story acts with: the demo users as actors, the companies by short name, and the clock.
 * Every step goes through the services a user's click goes through, so deadlines, notifications,
 * order books and the audit log come out as they would have.
 */
export class DemoWorld {
  private constructor(
    readonly ctx: AppContext,
    readonly clock: DemoClock,
    private readonly timeline: Timeline,
    private readonly actors: ReadonlyMap<string, Actor>,
    private readonly companies: ReadonlyMap<string, string>,
  ) {}

  static async load(ctx: AppContext, clock: DemoClock, timeline: Timeline): Promise<DemoWorld> {
    const users = await listUsersForActors(ctx.store.db);
    const actors = new Map(users.map((u) => [u.username, { userId: u.id, username: u.username, nation: u.nation, organisationId: u.organisation_id, roles: u.roles as Role[] } satisfies Actor]));
    const orgs = await listCompanyShortNames(ctx.store.db);
    return new DemoWorld(ctx, clock, timeline, actors, new Map(orgs.map((o) => [o.short_name, o.id])));
  }

  actor(username: string): Actor {
    const a = this.actors.get(username);
    if (!a) throw new Error(`demo life: no demo user ${username}`);
    return a;
  }

  company(shortName: string): string {
    const id = this.companies.get(shortName);
    if (!id) throw new Error(`demo life: no demo company ${shortName}`);
    return id;
  }

  /** Waits until the month reaches `workingDaysAgo` weekdays before today, at hh:mm UTC. */
  at(workingDaysAgo: number, hhmm: string): Promise<void> {
    return this.timeline.at(this.clock.workingDaysAgo(workingDaysAgo, hhmm));
  }

  /** The clock's day plus `days` (YYYY-MM-DD). */
  dateIn(days: number): string {
    return this.clock.dateIn(days);
  }

  submit(username: string, input: NewRequestInput): Promise<string> {
    return createRequest(this.ctx, this.actor(username), input);
  }

  step(username: string, requestId: string, action: string, fields: Record<string, unknown> = {}): Promise<void> {
    return transitionRequest(this.ctx, this.actor(username), requestId, { action, fields });
  }

  /** The row of the request's rated order in `shortName`'s book. */
  async orderOf(requestId: string, shortName: string): Promise<string> {
    return getLinkedOrderId(this.ctx.store.db, requestId, this.company(shortName));
  }
}

/** One story of the month: a request's life, an order book's, a conversation. */
export interface DemoStory {
  name: string;
  play(world: DemoWorld): Promise<void>;
}
