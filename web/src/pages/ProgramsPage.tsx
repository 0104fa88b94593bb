// Co-production programs of the partnership: partner nations, milestones, risks, links to a
// supply network and a working group, and the priority requests made under each program.
import { ProgramDetail } from './programs/ProgramDetail.js';
import { ProgramList } from './programs/ProgramList.js';

export function ProgramsPage({ id }: { id?: string }) {
  return id ? <ProgramDetail id={id} /> : <ProgramList />;
}
