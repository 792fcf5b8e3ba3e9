import { useEffect } from "react";
import { chordLabel, shortcutFor, shortcutsByScope } from "../lib/shortcuts";

/** ? or F1: every keyboard shortcut of the app, from the one list the key handlers use. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (shortcutFor("dialog", e, true) !== "dialog.close") return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
        <div className="help-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" autoFocus data-testid="close-help" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="help-groups">
          {shortcutsByScope().map(({ title, shortcuts }) => (
            <section key={title} className="help-group">
              <h3>{title}</h3>
              <table>
                <tbody>
                  {shortcuts.map((s) => (
                    <tr key={s.id} data-testid={`shortcut-${s.id}`}>
                      <td className="help-keys">
                        {s.chords.map((chord, i) => (
                          <span key={i}>
                            {i > 0 && <span className="muted"> or </span>}
                            <kbd>{chordLabel(chord)}</kbd>
                          </span>
                        ))}
                      </td>
                      <td>{s.does}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <p className="muted small">Ctrl means ⌘ on a Mac. Drag a goal onto another to make it a sub-goal there.</p>
      </div>
    </div>
  );
}
