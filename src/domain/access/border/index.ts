/**
 * The border: what one nation or one company may read of an object another wrote (DESIGN.md,
 * the sovereignty rule and "one border projection per object kind").
 *
 * Every read that shows a user something of another nation or another company passes one
 * projection of this module, per object kind:
 * - `request.ts`: who stands where on a request (404 for anyone else), which companies a reader
 *   may know of on it, and whether a piece of content (its origin: who wrote it, with which
 *   visibility, on whose line) crosses to that reader;
 * - `history.ts`: the history, the merged step fields, the names and the deadlines' `stoppedBy`
 *   as one reader may see them;
 * - `thread.ts`: request threads and their messages (and who is told of a message), and which
 *   threads and messages of the other channels cross to a peer instance;
 * - `spa.ts`: the partner view of a Special Priorities Assistance request;
 * - `comment.ts`: which comments on a request a reader sees, and the shape a shared one crosses in;
 * - `posture.ts`: an arrangement's posture change as it crosses (both nations read it whole);
 * - `logistics.ts`: a logistics order with its settlements (both nations of the order read it
 *   whole, no one else does), and which nation's instance keeps it (the supplying nation's).
 * - `working-group.ts`: a working group's record (members, meetings, action items), which both
 *   nations read whole, in the one shape its page shows and its message carries.
 *
 * The functions are pure (no I/O): a service loads the rows, asks the border, and presents only
 * what it lets through. Lists that must filter in SQL interpret the same rule-as-data
 * (`companyKnowledge`) instead of restating it.
 *
 * Federation (issue #13): when each nation runs its own instance, the peer is one more reader —
 * the other nation's instance, standing as that nation's officials (`peerReader(nation)`). A
 * message to the peer carries exactly what `mayRead(peerReader, facts, origin)` lets through,
 * projected by the same functions as a read on a shared instance; nothing else leaves the
 * instance. A company's content therefore crosses to the requesting nation's instance only once
 * that company performs, and an internal note never crosses (a peer reader reads no internal
 * content: `mayReadInternal`).
 */
export * from './request.js';
export * from './history.js';
export * from './thread.js';
export * from './spa.js';
export * from './comment.js';
export * from './posture.js';
export * from './logistics.js';
export * from './working-group.js';
