// The working-group use cases, one a file in ./working-groups/. This index stays while the routes
// in src/http import from here; new code imports the use case it needs.
export { addMembers, type MemberInput } from './working-groups/add-members.js';
export { createActionItem } from './working-groups/create-action-item.js';
export { createMeeting } from './working-groups/create-meeting.js';
export { createWorkingGroup } from './working-groups/create-working-group.js';
export { escalateOverdueActionItems } from './working-groups/escalate-overdue-action-items.js';
export { getWorkingGroup } from './working-groups/get-working-group.js';
export { listActionItems } from './working-groups/list-action-items.js';
export { listWorkingGroups } from './working-groups/list-working-groups.js';
export { presentItem } from './working-groups/present-working-group.js';
export { updateActionItem } from './working-groups/update-action-item.js';
export { updateMeeting } from './working-groups/update-meeting.js';
