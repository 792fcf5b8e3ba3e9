import { chordLabel, shortcutsByScope } from "../lib/shortcuts";
import { Modal } from "./Modal";

/** ? or F1: every keyboard shortcut of the app, from the one list the key handlers use. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <Modal titleId="help-title" testId="help-overlay" className="help" onClose={onClose} closeOnBackdrop>
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
    </Modal>
  );
}
