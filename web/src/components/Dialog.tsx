import { useEffect, useRef, type ReactNode } from 'react';

/** The element to give focus back to; a button that is gone (its row re-rendered) leaves the main content. */
function restoreFocus(opener: HTMLElement | null): void {
  const target = opener?.isConnected ? opener : document.getElementById('main');
  target?.focus({ preventScroll: true });
}

/**
 * A modal built on <dialog>: focus is trapped, Escape closes it, and focus goes back to the
 * element that opened it when it closes, however it closes (WCAG 2.4.3 focus order).
 */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering, before showModal moves focus into the dialog: this is the opener.
  const opener = useRef<HTMLElement | null | undefined>(undefined);
  if (opener.current === undefined) opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      // Start on the first field rather than the close button.
      d.querySelector<HTMLElement>('.dialog-body input:not([type=hidden]), .dialog-body select, .dialog-body textarea, .dialog-body button[type=submit]')?.focus();
    }
    return () => {
      // The dialog leaves the page after this cleanup: wait for it, then put focus back.
      const back = opener.current ?? null;
      queueMicrotask(() => {
        if (!ref.current?.isConnected) restoreFocus(back);
      });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
