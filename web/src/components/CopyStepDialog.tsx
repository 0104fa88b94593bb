// A step of this nation's on a partner's copy (issue #13): sent to the instance that holds the
// request (POST /partner-copies/{id}/steps), which applies it or refuses it. Every problem — the
// step no longer the user's (403), one already on its way or the holder gone (409), a field
// (422) — is shown in the dialog, with the field's message at its field.
import { partnerCopiesApi, type PartnerCopy, type PartnerCopyStepSent } from '../api/partner-copies.js';
import type { ActionSpec } from '../api/types.js';
import { latestQuestion, StepDialog } from './StepDialog.js';

interface Props {
  copy: PartnerCopy;
  action: ActionSpec;
  onClose(): void;
  onSent(sent: PartnerCopyStepSent): void;
}

export function CopyStepDialog({ copy, action, onClose, onSent }: Props) {
  return (
    <StepDialog
      action={action}
      subject={copy.request}
      // The copy's history names the nation that asked, not its official.
      question={latestQuestion(copy.history, action, (e) => ({ nation: e.actorNation }))}
      send={(payload) => partnerCopiesApi.step(copy.id, action.action, payload)}
      onClose={onClose}
      onDone={onSent}
    />
  );
}
