// The app's modal dialogs share one frame: a backdrop over the window, a dialog named by
// its heading, and Escape to close (lib/shortcuts.ts: dialog.close, even from a field).

import { useEffect } from "react";
import type { CommandError } from "../api";
import { shortcutFor } from "../lib/shortcuts";

/** Calls `onClose` on Escape while mounted. */
export function useCloseOnEscape(onClose: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (shortcutFor("dialog", e, true) !== "dialog.close") return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
}

type Props = {
  /** The id of the heading that names the dialog. */
  titleId: string;
  testId: string;
  /** Extra classes of the dialog box ("wide", "help"). */
  className?: string;
  onClose: () => void;
  /** A press on the backdrop closes too (not for dialogs that ask before deleting). */
  closeOnBackdrop?: boolean;
  children: React.ReactNode;
};

export function Modal({ titleId, testId, className, onClose, closeOnBackdrop = false, children }: Props) {
  useCloseOnEscape(onClose);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => closeOnBackdrop && e.target === e.currentTarget && onClose()}>
      <div className={className ? `modal ${className}` : "modal"} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

/** The foot of a dialog that asks before deleting: the undo note, why the last try was refused, Cancel (focused) and the red button. */
export function ConfirmDelete({ label, testId, error, onCancel, onConfirm }: { label: string; testId: string; error: CommandError | null; onCancel: () => void; onConfirm: () => void }) {
  return (
    <>
      <p className="muted small">You can undo this with Ctrl+Z.</p>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" data-testid={testId} onClick={onConfirm}>
          {label}
        </button>
      </div>
    </>
  );
}
