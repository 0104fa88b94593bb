import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Attachment, Visibility } from '../api/types.js';
import { formatBytes, formatDateTime } from '../format.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { InternalTag } from './Badges.js';
import { ComposeForm } from './ComposeForm.js';
import { VisibilityChoice } from './VisibilityChoice.js';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx';

export function AttachmentsPanel({ requestId, attachments, nation, writer, internalAllowed, onChanged }: { requestId: string; attachments: Attachment[]; nation: string; writer: boolean; internalAllowed: boolean; onChanged(): void }) {
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
