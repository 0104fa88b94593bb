// SOSA working groups: members of both nations and chairs, meetings with agenda, minutes and
// attendance, and action items with an owner and a due date in the owner's nation's working days.
import { GroupDetail } from './working-groups/GroupDetail.js';
import { GroupList } from './working-groups/GroupList.js';

export function WorkingGroupsPage({ id }: { id?: string | undefined }) {
  return id ? <GroupDetail id={id} /> : <GroupList />;
}
