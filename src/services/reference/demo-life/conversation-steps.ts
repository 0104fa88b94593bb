import { createThread } from '../../channels/create-thread.js';
import { postMessage } from '../../channels/post-message.js';
import { addComment } from '../../requests/add-comment.js';
import type { StoryStep, When } from './request-story.js';

/** A comment on the request, shared with the partner nation. */
export function comment(at: When, by: string, body: string): StoryStep {
  return { at, act: (w, r) => addComment(w.ctx, w.actor(by), r.id, { body, visibility: 'shared' }) };
}

/** A message in a thread: when, by which demo user, what it says. */
type Message = readonly [When, string, string];

/**
 * A thread on the request: the first message opens it, each other is posted at its time. Its
 * messages are as visible as the thread: internal to the nation, or shared across the arrangement.
 */
export function thread(title: string, scope: 'internal' | 'arrangement', messages: readonly [Message, ...Message[]]): StoryStep {
  const visibility = scope === 'internal' ? 'internal' : 'shared';
  const [[at, by, body], ...replies] = messages;
  return {
    at,
    async act(w, r) {
      const id = await createThread(w.ctx, w.actor(by), { subjectKind: 'request', subjectId: r.id, title, scope, message: { body, visibility } });
      for (const [when, author, text] of replies) {
        await w.at(...when);
        await postMessage(w.ctx, w.actor(author), id, { body: text, visibility });
      }
    },
  };
}
