// The notice the window shows when another process (the CLI, a script, an agent) changed
// the workspace: who changed what, from the events the shell's watcher read back.

import type { Changed } from "../generated/Changed";

function describe(change: Changed): string {
  if (change.entity === "workspace") return change.kind === "many" ? "many changes" : `workspace ${change.kind.replace(/_/g, " ")}`;
  return `${change.entity} ${change.key} ${change.kind.replace(/_/g, " ")}`.replace(/  +/g, " ");
}

/** "cli:bob: goal G-1 created and 2 more changes", one clause per author, in log order. */
export function externalChangeNotice(changes: readonly Changed[]): string {
  const byAuthor = new Map<string, Changed[]>();
  for (const change of changes) {
    if (change.entity === "workspace" && change.kind === "many") continue;
    const author = change.author || "another writer";
    byAuthor.set(author, [...(byAuthor.get(author) ?? []), change]);
  }
  const many = changes.some((c) => c.entity === "workspace" && c.kind === "many");
  if (byAuthor.size === 0) return many ? "Changed by another writer: many changes" : "";
  const clauses = [...byAuthor].map(([author, mine]) => {
    const more = mine.length - 1;
    return `${author}: ${describe(mine[0])}${more > 0 ? ` and ${more} more change${more === 1 ? "" : "s"}` : ""}`;
  });
  return `Changed elsewhere — ${clauses.join("; ")}${many ? " (and more)" : ""}`;
}
