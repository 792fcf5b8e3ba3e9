/** The save bar's note when the entity being edited was saved elsewhere (the CLI, an agent) during the edit. */
export function ChangedElsewhere({ entity, testId, onReload }: { entity: string; testId: string; onReload: () => void }) {
  return (
    <span className="field-error" role="alert" data-testid={testId}>
      This {entity} was changed elsewhere while you edited it. Saving overwrites that change.{" "}
      <button type="button" className="link" onClick={onReload} data-testid={`reload-${entity}`}>
        Reload it
      </button>
    </span>
  );
}
