import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { copyFileState } from '../api/partner-copies.js';
import type { Attachment, RequestDetail, Visibility } from '../api/types.js';
import { nationInSentence, useSession } from '../session.js';
import { formatBytes, formatDateTime } from '../format.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { InternalTag } from './Badges.js';
import { ComposeForm } from './ComposeForm.js';
import { VisibilityChoice } from './VisibilityChoice.js';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx';

type FileFromPartner = RequestDetail['filesFromPartners'][number];

export function AttachmentsPanel({ requestId, attachments, fromPartners = [], nation, writer, internalAllowed, onChanged }: { requestId: string; attachments: Attachment[]; fromPartners?: FileFromPartner[]; nation: string; writer: boolean; internalAllowed: boolean; onChanged(): void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [visibility, setVisibility] = useState<Visibility>('shared');
  const upload = useApiMutation((v: { file: File; visibility: Visibility }) => api.uploadAttachment(requestId, v.file, v.visibility), {
    onSaved: () => {
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      onChanged();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) void upload.run({ file, visibility });
  };

  return (
    <section className="panel" aria-labelledby="attachments-h">
      <h2 id="attachments-h" className="panel-title">
        Attachments <span className="count">{attachments.length}</span>
      </h2>
      {attachments.length === 0 ? <p className="muted small pad">No attachments.</p> : null}
      <ul className="attachments">
        {attachments.map((a) => (
          <li key={a.id} data-testid="attachment">
            <a href={api.attachmentUrl(requestId, a.id)} download={a.filename} className="attachment-name">
              {a.filename}
            </a>
            <div className="small muted">
              {formatBytes(a.size)} · {a.uploadedBy.displayName ? `${a.uploadedBy.displayName} (${a.uploadedBy.nation}) · ` : ''}
              {formatDateTime(a.createdAt)}
            </div>
            <div className="small mono hash" title={`SHA-256 ${a.sha256}`}>
              sha256 {a.sha256.slice(0, 16)}…
            </div>
            {a.visibility === 'internal' ? <InternalTag text="internal" /> : null}
          </li>
        ))}
      </ul>
      {fromPartners.length > 0 ? <FilesFromPartners files={fromPartners} /> : null}
      {writer ? (
        <ComposeForm className="upload-form" onSubmit={submit} error={upload.error} fieldId="attachment-file" label="Upload a file">
          <input id="attachment-file" ref={fileRef} type="file" accept={ACCEPT} aria-describedby="attachment-help" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <div id="attachment-help" className="field-help">PDF, PNG, JPEG, TXT, CSV, DOCX or XLSX.</div>
          {internalAllowed ? <VisibilityChoice name="attachment-visibility" value={visibility} onChange={setVisibility} nation={nation} /> : null}
          <button type="submit" className="btn btn-small" disabled={upload.busy || !file}>
            {upload.busy ? 'Uploading…' : 'Upload'}
          </button>
        </ComposeForm>
      ) : null}
    </section>
  );
}

/**
 * Files a partner's official attached on their copy of this request, larger than a signed message
 * carries, not here yet (sovereign instances): this desk fetches each from the partner's desk by
 * its SHA-256 and checks it on arrival; once kept it is among the attachments above. The state
 * words are those the copy's own "Shared files" panel uses the other way round.
 */
function FilesFromPartners({ files }: { files: FileFromPartner[] }) {
  const { reference } = useSession();
  return (
    <ul className="attachments" data-testid="files-from-partners" aria-label="Files from the partner's copy, not here yet">
      {files.map((f) => {
        const state = copyFileState(f, nationInSentence(reference, f.uploadedBy.nation));
        return (
          <li key={f.id} data-testid="file-from-partner" data-state={f.state}>
            <div>
              <span className="attachment-name">{f.filename}</span> <span className={`badge tone-${state.tone}`}>{state.label}</span>
            </div>
            <div className="small muted">
              {formatBytes(f.size)} · {f.uploadedBy.displayName} ({f.uploadedBy.nation}) · {formatDateTime(f.createdAt)}
            </div>
            {state.note ? <div className="small muted">{state.note}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
