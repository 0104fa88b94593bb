import type { ThreadSubjectKind } from '../../api/channels.js';

/** What a thread can be about, in the order the filters and the new-thread form offer them. */
export const THREAD_SUBJECT_KINDS: ThreadSubjectKind[] = ['request', 'working_group', 'program', 'general'];
