// The foot of a form in a panel: its one submit button, which reads `busyLabel` and cannot be
// pressed again while the write runs.
export function SubmitFoot({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <div className="form-foot">
      <button type="submit" className="btn btn-primary btn-small" disabled={busy}>{busy ? busyLabel : label}</button>
    </div>
  );
}
