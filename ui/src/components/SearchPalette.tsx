import { useEffect, useRef, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { SearchHit } from "../generated/SearchHit";
import { highlight, moveActive } from "../lib/search";
import { shortcutFor } from "../lib/shortcuts";

/** The most hits the palette lists: enough to scan, few enough to render at once. */
const LIMIT = 50;
/** Wait this long after a key before searching, so that fast typing sends one query. */
const DEBOUNCE_MS = 60;

const KIND_LABEL: Record<string, string> = { goal: "Goal", action: "Action", agent: "Agent", task: "Task" };

type Props = {
  onClose: () => void;
  /** The user picked a hit: show it. */
  onPick: (hit: SearchHit) => void;
};

/** Ctrl+F: type part of a key, title, name or description; arrows and Enter (or a click) go there. */
export function SearchPalette({ onClose, onPick }: Props) {
  const [text, setText] = useState("");
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<CommandError | null>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!text.trim()) {
      setHits(null);
      setActive(-1);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      api.search(text, LIMIT).then(
        (found) => {
          if (!live) return;
          setHits(found);
          setActive(found.length ? 0 : -1);
          setProblem(null);
        },
        (e) => live && setProblem(asCommandError(e)),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text]);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const count = hits?.length ?? 0;
    switch (shortcutFor("search", e, true)) {
      case "search.next":
        e.preventDefault();
        setActive((a) => moveActive(a, count, 1));
        break;
      case "search.previous":
        e.preventDefault();
        setActive((a) => moveActive(a, count, -1));
        break;
      case "search.open":
        e.preventDefault();
        if (hits && active >= 0) onPick(hits[active]);
        break;
      case "search.close":
        e.preventDefault();
        e.stopPropagation();
        onClose();
        break;
    }
  };

  const optionId = (i: number) => `search-hit-${i}`;
  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Search" data-testid="search-palette" onKeyDown={onKeyDown}>
        <input
          autoFocus
          className="palette-input"
          type="search"
          role="combobox"
          aria-expanded={!!hits?.length}
          aria-controls="search-hits"
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "search-problem" : undefined}
          placeholder="Search goals, actions, agents and tasks"
          spellCheck={false}
          data-testid="search-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {problem && (
          <p className="field-error pad" role="alert" id="search-problem" data-testid="search-problem">
            {problem.message}
          </p>
        )}
        {hits === null ? (
          <p className="muted small pad">Type part of a key, title, name or description. ↑ ↓ to choose, Enter to go there, Esc to close.</p>
        ) : hits.length === 0 ? (
          <p className="muted pad" data-testid="search-nothing">
            Nothing matches “{text.trim()}”.
          </p>
        ) : (
          <ul className="palette-hits" role="listbox" id="search-hits" aria-label="Matches" ref={list}>
            {hits.map((hit, i) => (
              <li
                key={`${hit.kind}:${hit.key}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                data-index={i}
                data-testid={`search-hit-${hit.kind}-${hit.key}`}
                className="palette-hit"
                onMouseMove={() => i !== active && setActive(i)}
                onClick={() => onPick(hit)}
              >
                <span className={`badge palette-kind kind-${hit.kind}`}>{KIND_LABEL[hit.kind] ?? hit.kind}</span>
                <span className="palette-main">
                  <span className="palette-label">
                    <Marked text={hit.label} query={text} />
                  </span>
                  {hit.context && (
                    <span className="palette-context">
                      <Marked text={hit.context} query={text} />
                    </span>
                  )}
                </span>
                <span className="palette-key">
                  <Marked text={hit.key} query={text} />
                </span>
              </li>
            ))}
          </ul>
        )}
        {hits !== null && hits.length === LIMIT && <p className="muted small pad">The first {LIMIT} matches; type more to narrow them down.</p>}
      </div>
    </div>
  );
}

function Marked({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(text, query).map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </>
  );
}
