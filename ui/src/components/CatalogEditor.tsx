// What the editors of the catalogue's entries (actions, agents) share around their
// fields: the header with Delete, the error that names no field, the save bar with its
// state, and the save and delete gestures with their errors.

import { useState } from "react";
import { asCommandError, type CommandError } from "../api";
import { namesAField } from "../lib/formErrors";
import { ChangedElsewhere } from "./ChangedElsewhere";

/** The save and delete gestures of an editor: busy while saving, the last refusal kept. */
export function useCatalogGestures(onSaved: (key: string) => void) {
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (write: () => Promise<{ key: string }>) => {
    setBusy(true);
    try {
      const saved = await write();
      setError(null);
      onSaved(saved.key);
    } catch (e) {
      setError(asCommandError(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (erase: () => Promise<void>) => {
    try {
      await erase();
    } catch (e) {
      setError(asCommandError(e));
    }
  };
  return { error, busy, save, remove };
}

type Props = {
  /** "action", "agent": in the labels and every test id. */
  noun: string;
  /** The entry edited, or null for a new one. */
  entry: { key: string; name: string } | null;
  /** The fields whose errors show beside them; any other error shows at the top. */
  fields: readonly string[];
  error: CommandError | null;
  busy: boolean;
  dirty: boolean;
  changedElsewhere: boolean;
  onSave: () => void;
  onRevert: () => void;
  onDelete: () => void;
  /** What deleting also does, as the Delete button's tooltip. */
  deleteNote?: string;
  children: React.ReactNode;
};

/** One catalogue entry's form: its fields (`children`) between the header and the save bar. */
export function CatalogEditor({ noun, entry, fields, error, busy, dirty, changedElsewhere, onSave, onRevert, onDelete, deleteNote, children }: Props) {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <form
      className="catalog-detail"
      aria-label={entry ? `${Noun} ${entry.key}` : `New ${noun}`}
      data-testid={`${noun}-editor`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <header className="detail-head">
        <h2>{entry ? entry.name : `New ${noun}`}</h2>
        {entry && <span className="key-chip">{entry.key}</span>}
        <div className="spacer" />
        {entry && (
          <button type="button" className="danger" data-testid={`delete-${noun}`} onClick={onDelete} title={deleteNote}>
            Delete
          </button>
        )}
      </header>
      {error && !namesAField(error, [...fields, "key"]) && (
        <div className="banner error" role="alert" data-testid={`${noun}-error`}>
          {error.message}
        </div>
      )}
      {children}
      <div className="save-bar">
        {changedElsewhere ? (
          <ChangedElsewhere entity={noun} testId={`${noun}-changed-elsewhere`} onReload={onRevert} />
        ) : (
          <span className="muted small" data-testid={`${noun}-save-state`}>
            {dirty ? "Unsaved changes" : entry ? "All changes saved" : ""}
          </span>
        )}
        <div className="spacer" />
        <button type="button" disabled={!dirty} onClick={onRevert}>
          Revert
        </button>
        <button type="submit" className="primary" disabled={busy || (!dirty && entry !== null)} data-testid={`save-${noun}`}>
          {entry ? "Save" : `Create ${noun}`}
        </button>
      </div>
    </form>
  );
}
