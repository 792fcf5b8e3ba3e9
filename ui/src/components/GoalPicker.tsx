import { useId, useMemo, useState } from "react";
import type { GoalNode } from "../generated/GoalNode";
import { matchGoals } from "../lib/goalPicker";

type Props = {
  goals: GoalNode[];
  /** Goals not to offer (the goal itself, what is already linked). */
  exclude: ReadonlySet<string>;
  placeholder: string;
  label: string;
  testId: string;
  onPick: (key: string) => void;
};

/**
 * Type part of a goal's key or title, then pick one of the few best matches (click, or
 * arrows and Enter). Stands in for a drop-down list of every goal, which a big workspace
 * makes slow to render and useless to scroll.
 */
export function GoalPicker({ goals, exclude, placeholder, label, testId, onPick }: Props) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => (open ? matchGoals(goals, query, exclude) : []), [open, goals, query, exclude]);

  const pick = (key: string) => {
    setQuery("");
    setOpen(false);
    onPick(key);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (matches.length ? (i + step + matches.length) % matches.length : 0));
    } else if (e.key === "Enter" && open && matches[active]) {
      e.preventDefault();
      pick(matches[active].key);
    } else if (e.key === "Escape" && open) {
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="goal-picker">
      <input
        type="search"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        placeholder={placeholder}
        value={query}
        data-testid={testId}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        // Late enough for a click on an option to land first.
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="goal-picker-list" role="listbox" id={listId}>
          {matches.length === 0 && <li className="muted small">No goal matches</li>}
          {matches.map((g, i) => (
            <li
              key={g.key}
              role="option"
              aria-selected={i === active}
              data-testid={`${testId}-option-${g.key}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(g.key)}
            >
              <span className="key-chip">{g.key}</span> {g.title}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
