// The forms under a partner copy's comments and files (issue #13): this desk's officials comment
// and attach files on the copy as they would on the request on a shared deployment. A shared
// comment or file is sent to the instance holding the request, which keeps it as theirs; an
// internal comment stays on this desk. A file crosses inside its signed message up to 384 KiB;
// the holder fetches a larger one from this desk (up to the size this desk takes, as on a request).
import { useRef, useState, type FormEvent } from 'react';
import { INLINE_FILE_BYTES, partnerCopiesApi } from '../api/partner-copies.js';
import type { Visibility } from '../api/types.js';
import { formatBytes } from '../format.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { ComposeActions, ComposeForm } from './ComposeForm.js';
import { deskOf } from '../partner-delivery-words.js';

export function CopyCommentForm({ copyId, nation, holder, onSent }: { copyId: string; nation: string; holder: string; onSent(): void }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('shared');
  const post = useApiMutation((v: { body: string; visibility: Visibility }) => partnerCopiesApi.comment(copyId, v.body, v.visibility), {
    onSaved: () => {
      setBody('');
      setVisibility('shared');
      onSent();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) void post.run({ body: body.trim(), visibility });
  };
  return (
    <ComposeForm className="comment-form" onSubmit={submit} error={post.error} fieldId="copy-comment-body" label="Add a comment">
      <textarea id="copy-comment-body" rows={3} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} placeholder={`A shared comment is sent to ${deskOf(holder)}, which keeps it as yours`} />
      <ComposeActions
        visibility={{ offered: true, name: 'copy-comment-visibility', value: visibility, onChange: setVisibility, nation }}
        submit={{ busy: post.busy, ready: body.trim() !== '', busyLabel: 'Sending…', label: `Send to ${holder}`, internalLabel: 'Keep internal comment' }}
      />
    </ComposeForm>
  );
}

export function CopyFileForm({ copyId, holder, onSent }: { copyId: string; holder: string; onSent(): void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useApiMutation((f: File) => partnerCopiesApi.attach(copyId, f), {
    onSaved: () => {
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      onSent();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) void upload.run(file);
  };
  return (
    <ComposeForm className="upload-form" onSubmit={submit} error={upload.error} fieldId="copy-attachment-file" label="Attach a shared file">
      <input id="copy-attachment-file" ref={fileRef} type="file" accept=".pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx" aria-describedby="copy-attachment-help" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <div id="copy-attachment-help" className="field-help">
        {file !== null && file.size > INLINE_FILE_BYTES
          ? `${formatBytes(file.size)}: larger than a message carries (${formatBytes(INLINE_FILE_BYTES)}), so ${deskOf(holder)} fetches it from this desk; it shows as applied once ${holder} has it.`
          : `PDF, PNG, JPEG, TXT, CSV, DOCX or XLSX, as on a request; sent to ${deskOf(holder)}, which keeps it as yours.`}
      </div>
      <button type="submit" className="btn btn-small" disabled={upload.busy || !file}>
        {upload.busy ? 'Sending…' : `Send to ${holder}`}
      </button>
    </ComposeForm>
  );
}
