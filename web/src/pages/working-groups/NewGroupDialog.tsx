// Creating a working group under one of the user's nation's arrangements; its creator joins it.
import { useState } from 'react';
import { partnershipApi } from '../../api/partnership.js';
import { FormDialog } from '../../components/FormDialog.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { navigate } from '../../router.js';
import { useSession } from '../../session.js';

export function NewGroupDialog({ arrangements, onClose }: { arrangements: Array<{ id: string; name: string }>; onClose(): void }) {
  const { user } = useSession();
  const [arrangementId, setArrangementId] = useState(arrangements.find((a) => a.id === 'US-IN')?.id ?? arrangements[0]?.id ?? '');
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [chair, setChair] = useState(true);
  const create = useApiMutation(() => partnershipApi.createGroup({ arrangementId, name, purpose, members: [{ userId: user.id, chair }] }), {
    invalidates: [keys.workingGroups.all],
    onSaved: (g) => navigate(`/working-groups/${g.id}`),
  });
  return (
    <FormDialog title="New working group" onClose={onClose} save={create} submitLabel="Create" busyLabel="Creating…">
      <div className="field"><label htmlFor="wg-arr" className="field-label">Arrangement</label>
        <select id="wg-arr" value={arrangementId} onChange={(e) => setArrangementId(e.target.value)}>{arrangements.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></div>
      <div className="field"><label htmlFor="wg-name" className="field-label">Name</label><input id="wg-name" value={name} onChange={(e) => setName(e.target.value)} /></div>
      <div className="field"><label htmlFor="wg-purpose" className="field-label">Purpose</label><textarea id="wg-purpose" rows={3} value={purpose} onChange={(e) => setPurpose(e.target.value)} /></div>
      <label className="check"><input type="checkbox" checked={chair} onChange={(e) => setChair(e.target.checked)} /> I chair it (you join as a member either way)</label>
    </FormDialog>
  );
}
