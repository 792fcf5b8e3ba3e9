import { useEffect, useRef, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { SearchHit } from "../generated/SearchHit";
import { matchCommands, type PaletteCommand } from "../lib/commands";
import { highlight, moveActive } from "../lib/search";
import { shortcutFor } from "../lib/shortcuts";

/** The most hits the search palette lists: enough to scan, few enough to render at once. */
const LIMIT = 50;
/** Wait this long after a key before searching, so that fast typing sends one query. */
const DEBOUNCE_MS = 60;

const KIND_LABEL: Record<string, string> = { goal: "Goal", action: "Action", agent: "Agent", task: "Task" };

type Props = {
  onClose: () => void;
  /** The user picked a hit: show it. */
  onPick: (hit: SearchHit) => void;
  /** Ctrl+K: the commands it also runs, listed above the hits (none for Ctrl+F). */
  commands?: PaletteCommand[];
  onRun?: (id: string) => void;
};

/** One line of the list: a command to run or a hit to show. */
type Item = { command: PaletteCommand } | { hit: SearchHit };

/**
 * Ctrl+F: type part of a key, title, name or description; arrows and Enter (or a click)
 * go there. Ctrl+K: the same, with the app's commands (every toolbar and menu action)
 * listed first, so that all of it is reachable from the keyboard.
 */
export function SearchPalette({ onClose, onPick, commands, onRun }: Props) {
  const [text, setText] = useState("");
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<CommandError | null>(null);
  const list = useRef<HTMLUListElement>(null);

  const shownCommands = commands ? matchCommands(commands, text).filter((c) => !c.disabled) : [];
  const items: Item[] = [...shownCommands.map((command) => ({ command })), ...(hits ?? []).map((hit) => ({ hit }))];

  // Commands are there at once; the first line is chosen as the list changes.
  useEffect(() => {
    setActive(items.length ? 0 : -1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, hits]);

  useEffect(() => {
    if (!text.trim()) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      api.search(text, LIMIT).then(
        (found) => {
          if (!live) return;
          setHits(found);
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

  const choose = (item: Item) => ("command" in item ? onRun?.(item.command.id) : onPick(item.hit));

  const onKeyDown = (e: React.KeyboardEvent) => {
    const count = items.length;
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
        if (active >= 0 && active < items.length) choose(items[active]);
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
    <div className="modal-backdrop search-palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="search-palette" role="dialog" aria-modal="true" aria-label={commands ? "Commands and search" : "Search"} data-testid="search-palette" onKeyDown={onKeyDown}>
        <input
          autoFocus
          className="search-palette-input"
          type="search"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls="search-hits"
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "search-problem" : undefined}
          placeholder={commands ? "Run a command, or search goals, actions, agents and tasks" : "Search goals, actions, agents and tasks"}
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
        {items.length > 0 && (
          <ul className="search-palette-hits" role="listbox" id="search-hits" aria-label={commands ? "Commands and matches" : "Matches"} ref={list}>
            {items.map((item, i) =>
              "command" in item ? (
                <li
                  key={`command:${item.command.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  data-index={i}
                  data-testid={`command-${item.command.id}`}
                  className="search-palette-hit"
                  onMouseMove={() => i !== active && setActive(i)}
                  onClick={() => choose(item)}
                >
                  <span className="badge search-palette-kind kind-command">Command</span>
                  <span className="search-palette-main">
                    <span className="search-palette-label">
                      <Marked text={item.command.label} query={text} />
                    </span>
                  </span>
                  {item.command.keys && <kbd className="search-palette-key">{item.command.keys}</kbd>}
                </li>
              ) : (
                <HitLine key={`${item.hit.kind}:${item.hit.key}`} hit={item.hit} index={i} active={i === active} query={text} id={optionId(i)} onHover={() => i !== active && setActive(i)} onChoose={() => choose(item)} />
              ),
            )}
          </ul>
        )}
        {items.length === 0 &&
          (hits === null ? (
            <p className="muted small pad">
              {commands ? "Type a command or part of a key, title or name. " : "Type part of a key, title, name or description. "}↑ ↓ to choose, Enter to go there, Esc to close.
            </p>
          ) : (
            <p className="muted pad" data-testid="search-nothing">
              Nothing matches “{text.trim()}”.
            </p>
          ))}
        {hits !== null && hits.length === LIMIT && <p className="muted small pad">The first {LIMIT} matches; type more to narrow them down.</p>}
      </div>
    </div>
  );
}

function HitLine({ hit, index, active, query, id, onHover, onChoose }: { hit: SearchHit; index: number; active: boolean; query: string; id: string; onHover: () => void; onChoose: () => void }) {
  return (
    <li id={id} role="option" aria-selected={active} data-index={index} data-testid={`search-hit-${hit.kind}-${hit.key}`} className="search-palette-hit" onMouseMove={onHover} onClick={onChoose}>
      <span className={`badge search-palette-kind kind-${hit.kind}`}>{KIND_LABEL[hit.kind] ?? hit.kind}</span>
      <span className="search-palette-main">
        <span className="search-palette-label">
          <Marked text={hit.label} query={query} />
        </span>
        {hit.context && (
          <span className="search-palette-context">
            <Marked text={hit.context} query={query} />
          </span>
        )}
      </span>
      <span className="search-palette-key">
        <Marked text={hit.key} query={query} />
      </span>
    </li>
  );
}

function Marked({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(text, query).map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </>
  );
}
