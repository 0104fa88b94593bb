import { submitDemoRequest, type DemoRequest } from './demo-request.js';
import type { DemoStory, DemoWorld } from './demo-world.js';

/** A time in the demo's month: working days before today, and hh:mm UTC. */
export type When = readonly [workingDaysAgo: number, hhmm: string];

/** The request a story follows, as its steps see it. */
export interface StoryRequest {
  id: string;
  requiredBy: string;
}

type Fields = Record<string, unknown>;

/**
 * One step of a request's story. A workflow step: at its time, the demo user `by` takes `action`,
 * with fields worked out then (so dates count from the step's day). Anything else a demo user
 * does through the services (a comment, a thread, a plan): `act`, at its time or, without one,
 * at once after the step before.
 */
export type StoryStep =
  | { at: When; by: string; action: string; fields?: Fields | ((w: DemoWorld, r: StoryRequest) => Fields | Promise<Fields>) }
  | { at?: When; act: (w: DemoWorld, r: StoryRequest) => Promise<unknown> };

/** Which way a request goes: who submits it, to which nation, at what time of the submitter's day. */
export interface RequestPath {
  submitter: string;
  toNation: 'US' | 'IN';
  submitsAt: string;
}

/** A request's story as data: what is asked, when it was submitted, and the steps taken on it since. */
export interface RequestStory<R extends DemoRequest<string>> {
  name: string;
  /** Working days before today the request was submitted. */
  submitted: number;
  request: R;
  steps?: readonly StoryStep[];
}

/** The story played: its request submitted on `path`, then each step in order, at its time. */
export function requestStory<R extends DemoRequest<string>>(path: RequestPath, story: RequestStory<R>): DemoStory {
  return {
    name: story.name,
    async play(w) {
      await w.at(story.submitted, path.submitsAt);
      const request = await submitDemoRequest(w, path.submitter, path.toNation, story.request);
      for (const step of story.steps ?? []) await playStep(w, request, step);
    },
  };
}

async function playStep(w: DemoWorld, request: StoryRequest, step: StoryStep): Promise<void> {
  if (step.at) await w.at(...step.at);
  if ('act' in step) {
    await step.act(w, request);
    return;
  }
  const fields = typeof step.fields === 'function' ? await step.fields(w, request) : step.fields;
  await w.step(step.by, request.id, step.action, fields);
}
