// A step of this nation's on a partner's copy (issue #13): sent to the instance that holds the
// request (POST /partner-copies/{id}/steps), which applies it or refuses it. Every problem — the
// step no longer the user's (403), one already on its way or the holder gone (409), a field
// (422) — is shown in the dialog, with the field's message at its field. A 403 or 409 also says
// that the page behind the dialog is out of date: closing the dialog then reloads the copy.
import { useRef } from 'react';
import { ApiError } from '../api/client.js';
import { partnerCopiesApi, type PartnerCopy, type PartnerCopyStepSent } from '../api/partner-copies.js';
import type { ActionSpec } from '../api/types.js';
import { latestQuestion, StepDialog } from './StepDialog.js';

interface Props {
  copy: PartnerCopy;
  action: ActionSpec;
  onClose(copyChanged: boolean): void;
  onSent(sent: PartnerCopyStepSent): void;
}

export function CopyStepDialog({ copy, action, onClose, onSent }: Props) {
  const copyChanged = useRef(false);
  const send = async (payload: Record<string, unknown>) => {
    try {
      return await partnerCopiesApi.step(copy.id, action.action, payload);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 409)) copyChanged.current = true;
      throw error;
    }
  };
  return (
    <StepDialog
      action={action}
      subject={copy.request}
      // The copy's history names the nation that asked, not its official.
      question={latestQuestion(copy.history, action, (e) => ({ nation: e.actorNation }))}
      send={send}
      onClose={() => onClose(copyChanged.current)}
      onDone={onSent}
    />
  );
}
