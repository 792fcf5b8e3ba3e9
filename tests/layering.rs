//! The core's layering, checked from its own source: every `crate::…`, `super::…` and
//! `self::…` path in `src/` (in `use` lines and inline) must point down the layers listed
//! in [`LAYERS`], never up or sideways; a `db` file may use only `db::rows` and `db::keys`
//! of its siblings; and no two files of one folder may import each other, directly or
//! round a longer circle. ARCHITECTURE.md states the same rules in words.
//!
//! Unit tests (`#[cfg(test)] mod …`) are left out: like dev-dependencies, they may use
//! anything. `src/bin/` is a shell and uses the crate by name, never `crate::`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules of `src/`, lowest layer first. A module may use modules of lower
/// layers only; modules of one layer know nothing of each other (but see [`BESIDE`]).
const LAYERS: &[(&str, &[&str])] = &[
    ("leaf libraries", &["time_util", "paths", "fsutil", "layout"]),
    ("domain", &["domain"]),
    ("errors", &["error"]),
    ("engines", &["planning", "htn", "synthesis", "assignment", "execution", "schedule", "search"]),
    ("file formats", &["export", "pddl"]),
    ("reports", &["report"]),
    ("SQL", &["db"]),
    ("use cases", &["ops"]),
    ("store", &["store"]),
    ("over the store", &["diagram", "demo"]),
];

/// The only uses allowed between modules of one layer: (user, used).
const BESIDE: &[(&str, &str)] = &[
    // A timeline starts from the critical path.
    ("schedule", "planning"),
    // A PDDL task is imported as an import document.
    ("pddl", "export"),
];

/// The `db` files every other `db` file may use.
const DB_SHARED: &[&str] = &["rows", "keys"];

#[test]
fn imports_point_down_the_layers() {
    let tree = SourceTree::read();
    let mut broken = Vec::new();
    for file in tree.files.values() {
        for import in &file.imports {
            let Some(target) = tree.resolve(&import.path) else { continue };
            if let Some(why) = tree.layer_rule(&file.path, &target) {
                broken.push(format!("{}:{}: `{}` {why}", file.path.display(), import.line, import.text));
            }
        }
    }
    assert!(broken.is_empty(), "imports that break the layering:\n{}", broken.join("\n"));
}

#[test]
fn no_file_imports_a_sibling_that_imports_it_back() {
    let tree = SourceTree::read();
    // Edges between files of one folder (mod.rs aside: it declares its children).
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for file in tree.files.values() {
        for import in &file.imports {
            let Some(target) = tree.resolve(&import.path) else { continue };
            if target != file.path && target.parent() == file.path.parent() && !is_mod_file(&target) && !is_mod_file(&file.path) {
                edges.entry(file.path.clone()).or_default().insert(target);
            }
        }
    }
    let circles = circles(&edges);
    let shown: Vec<String> = circles
        .iter()
        .map(|c| c.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" → "))
        .collect();
    assert!(shown.is_empty(), "files that import each other:\n{}", shown.join("\n"));
}

#[test]
fn every_module_has_a_layer() {
    let tree = SourceTree::read();
    let unplaced: BTreeSet<&str> =
        tree.files.keys().filter_map(|p| top_module(p)).filter(|m| rank(m).is_none() && *m != "lib").collect();
    assert!(unplaced.is_empty(), "modules without a layer in tests/layering.rs: {unplaced:?}");
}

/// One file's `crate::`/`super::`/`self::` paths, made absolute (`["db", "goals", "insert"]`).
struct Import {
    line: usize,
    text: String,
    path: Vec<String>,
}

struct SourceFile {
    path: PathBuf,
    imports: Vec<Import>,
}

struct SourceTree {
    /// Relative paths (`src/db/goals.rs`) to files.
    files: BTreeMap<PathBuf, SourceFile>,
    /// Names re-exported by `lib.rs` and `mod.rs` files: (module path, name) → module path.
    reexports: HashMap<(Vec<String>, String), Vec<String>>,
}

impl SourceTree {
    fn read() -> SourceTree {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        collect(&root.join("src"), &mut paths);
        let mut files = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for full in paths {
            let path = full.strip_prefix(root).unwrap().to_path_buf();
            if path.starts_with("src/bin") {
                continue;
            }
            let text = fs::read_to_string(&full).unwrap();
            let module = module_of(&path);
            let imports = imports(&without_tests(&strip_comments(&text)), &module);
            sources.insert(path.clone(), text);
            files.insert(path.clone(), SourceFile { path, imports });
        }
        let mut tree = SourceTree { files, reexports: HashMap::new() };
        tree.reexports = reexports(&tree, &sources);
        tree
    }

    /// The file an absolute path leads to: the deepest module file on it, following the
    /// re-exports of `mod.rs` and `lib.rs` for names defined elsewhere.
    fn resolve(&self, path: &[String]) -> Option<PathBuf> {
        let mut module: Vec<String> = Vec::new();
        for (i, segment) in path.iter().enumerate() {
            let mut deeper = module.clone();
            deeper.push(segment.clone());
            if self.file_of(&deeper).is_some() {
                module = deeper;
                continue;
            }
            if let Some(target) = self.reexports.get(&(module.clone(), segment.clone())) {
                let mut rest = target.clone();
                rest.extend(path[i + 1..].iter().cloned());
                if rest != path {
                    return self.resolve(&rest);
                }
            }
            break;
        }
        self.file_of(&module)
    }

    fn file_of(&self, module: &[String]) -> Option<PathBuf> {
        let base = if module.is_empty() { "src/lib".to_owned() } else { format!("src/{}", module.join("/")) };
        [PathBuf::from(format!("{base}.rs")), PathBuf::from(format!("{base}/mod.rs"))]
            .into_iter()
            .find(|p| self.files.contains_key(p))
    }

    /// Why `from` may not use `to`, if it may not.
    fn layer_rule(&self, from: &Path, to: &Path) -> Option<String> {
        let (a, b) = (top_module(from)?, top_module(to)?);
        if a == b {
            let sibling = to.file_stem()?.to_str()?;
            if a == "db" && from.parent() == to.parent() && from != to && !is_mod_file(from) && !DB_SHARED.contains(&sibling) {
                return Some(format!("reaches into another db file ({}); db files share only db::rows and db::keys", to.display()));
            }
            return None;
        }
        if b == "lib" {
            return None;
        }
        let (ra, rb) = (rank(a)?, rank(b)?);
        if ra > rb || BESIDE.contains(&(a, b)) {
            return None;
        }
        let (la, lb) = (LAYERS[ra].0, LAYERS[rb].0);
        Some(if ra == rb {
            format!("is a sideways import: {a} and {b} are both {la}")
        } else {
            format!("points up: {a} ({la}) must not use {b} ({lb})")
        })
    }
}

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

fn top_module(path: &Path) -> Option<&str> {
    let rest = path.strip_prefix("src").ok()?;
    let first = rest.components().next()?.as_os_str().to_str()?;
    Some(first.strip_suffix(".rs").unwrap_or(first))
}

fn is_mod_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs")
}

/// `src/db/goals.rs` → `["db", "goals"]`; `src/db/mod.rs` → `["db"]`; `src/lib.rs` → `[]`.
fn module_of(path: &Path) -> Vec<String> {
    let rest = path.strip_prefix("src").unwrap().with_extension("");
    let mut parts: Vec<String> = rest.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source with `//` comments (and doc comments) blanked, line breaks kept. String
/// literals are kept whole, so a `//` inside one is not taken for a comment.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut prev = '\0';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_string = !in_string;
            }
            if !in_string && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// The source with every `#[cfg(test)]` module blanked (line breaks kept).
fn without_tests(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[cfg(test)]" && lines.get(i + 1).is_some_and(|l| l.trim_start().starts_with("mod ") || l.trim_start().starts_with("pub mod ")) {
            let mut depth = 0i32;
            let mut opened = false;
            let mut j = i + 1;
            while j < lines.len() {
                for c in lines[j].chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if opened && depth <= 0 || (!opened && lines[j].trim_end().ends_with(';')) {
                    break;
                }
                j += 1;
            }
            for k in keep.iter_mut().take(j + 1).skip(i) {
                *k = false;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    lines.iter().zip(keep).map(|(l, k)| if k { *l } else { "" }).collect::<Vec<_>>().join("\n")
}

/// Every path that starts with `crate`, `super` or `self`, from `use` trees and inline.
fn imports(text: &str, module: &[String]) -> Vec<Import> {
    let mut found = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let line_at = |pos: usize| bytes[..pos].iter().filter(|c| **c == '\n').count() + 1;
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(bytes[i - 1].is_alphanumeric() || matches!(bytes[i - 1], '_' | ':' | '$'));
        let rest: String = bytes[i..(i + 7).min(bytes.len())].iter().collect();
        if starts_word && ["crate::", "super::", "self::"].iter().any(|h| rest.starts_with(h)) {
            // The whole path, braces included (`crate::{a, b::{c, d}}`).
            let start = i;
            let mut depth = 0;
            let mut j = i;
            while j < bytes.len() {
                let c = bytes[j];
                if c == '{' {
                    depth += 1;
                } else if c == '}' {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                } else if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':' || c == '*') {
                    break;
                }
                j += 1;
            }
            let text: String = bytes[start..j].iter().filter(|c| !c.is_whitespace()).collect();
            for path in expand(&text) {
                if let Some(absolute) = absolute(&path, module) {
                    found.push(Import { line: line_at(start), text: path.join("::"), path: absolute });
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// `a::{b, c::{d, e}}` → `[a::b, a::c::d, a::c::e]`, as segment lists.
fn expand(text: &str) -> Vec<Vec<String>> {
    let Some(open) = text.find('{') else {
        let parts: Vec<String> = text.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
        return vec![parts];
    };
    let prefix: Vec<String> = text[..open].split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let inner = &text[open + 1..text.rfind('}').unwrap_or(text.len())];
    let mut items = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[from..]);
    let mut out = Vec::new();
    for item in items.into_iter().filter(|s| !s.is_empty()) {
        for tail in expand(item) {
            let mut path = prefix.clone();
            if tail.first().map(String::as_str) != Some("self") {
                path.extend(tail);
            }
            out.push(path);
        }
    }
    out
}

/// A path made absolute from the module it is written in; `None` for anything else.
fn absolute(path: &[String], module: &[String]) -> Option<Vec<String>> {
    let mut base: Vec<String> = match path.first()?.as_str() {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => module.to_vec(),
        _ => return None,
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        base.pop()?;
        while rest.first().map(String::as_str) == Some("super") {
            base.pop()?;
            rest = &rest[1..];
        }
    }
    base.extend(rest.iter().filter(|s| *s != "*").cloned());
    Some(base)
}

/// Names that `lib.rs` and `mod.rs` files re-export, mapped to where they are defined:
/// `pub use goal_graph::{goal_graph, …}` and `pub use domain::*` (every public item of it).
fn reexports(tree: &SourceTree, sources: &BTreeMap<PathBuf, String>) -> HashMap<(Vec<String>, String), Vec<String>> {
    let mut map = HashMap::new();
    for (path, text) in sources {
        if !is_mod_file(path) {
            continue;
        }
        let module = module_of(path);
        let code = without_tests(&strip_comments(text));
        for statement in code.split(';') {
            let statement = statement.trim();
            let Some(tree_text) = statement.strip_prefix("pub use ").or_else(|| statement.strip_prefix("pub(crate) use ")) else { continue };
            let compact: String = tree_text.chars().filter(|c| !c.is_whitespace()).collect();
            let glob = compact.ends_with('*');
            for mut target in expand(&compact) {
                let absolute_target = match target.first().map(String::as_str) {
                    Some("crate" | "self" | "super") => absolute(&target, &module),
                    _ => {
                        let mut t = module.clone();
                        t.append(&mut target);
                        Some(t)
                    }
                };
                let Some(target) = absolute_target else { continue };
                if glob {
                    for name in public_names(tree, sources, &target) {
                        map.insert((module.clone(), name), target.clone());
                    }
                } else if let Some(name) = target.last().cloned() {
                    let mut owner = target.clone();
                    owner.pop();
                    map.insert((module.clone(), name), owner);
                }
            }
        }
    }
    map
}

/// The public items defined in a module's file and in the files its own globs re-export.
fn public_names(tree: &SourceTree, sources: &BTreeMap<PathBuf, String>, module: &[String]) -> Vec<String> {
    let Some(file) = tree.file_of(module) else { return Vec::new() };
    let mut names = Vec::new();
    let text = &sources[&file];
    for line in text.lines() {
        let line = line.trim_start();
        let Some(rest) = line.strip_prefix("pub ") else { continue };
        for kind in ["struct ", "enum ", "fn ", "type ", "trait ", "const ", "static ", "mod "] {
            if let Some(after) = rest.strip_prefix(kind) {
                let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                names.push(name);
            }
        }
        if let Some(inner) = rest.strip_prefix("use ").and_then(|r| r.strip_suffix("::*;")) {
            let mut child = module.to_vec();
            child.extend(inner.split("::").map(str::to_owned));
            names.extend(public_names(tree, sources, &child));
        }
    }
    names
}

/// Every circle of the graph (strongly connected parts of more than one file).
fn circles(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    let nodes: BTreeSet<&PathBuf> = edges.keys().chain(edges.values().flatten()).collect();
    let reach = |from: &PathBuf| -> BTreeSet<PathBuf> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for next in edges.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&PathBuf, BTreeSet<PathBuf>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut found = Vec::new();
    for n in &nodes {
        if done.contains(*n) || !reachable[n].contains(*n) {
            continue;
        }
        let part: Vec<PathBuf> = nodes.iter().filter(|m| reachable[n].contains(**m) && reachable[*m].contains(*n)).map(|m| (*m).clone()).collect();
        done.extend(part.iter().cloned());
        found.push(part);
    }
    found
}

/// The core needs no async runtime and no network client: the broker bridge (`bridge/`)
/// brings those, and a plain `cargo test` at the root builds the core alone.
#[test]
fn the_core_has_no_async_runtime_or_network_client() {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let mut section = "";
    let mut found = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let name = line.split(['=', ' ']).next().unwrap_or("");
        let networked = ["tokio", "async-nats", "async-std", "reqwest", "hyper", "mio"].contains(&name);
        if networked && matches!(section, "[dependencies]" | "[build-dependencies]") {
            found.push(name.to_owned());
        }
        if section == "[workspace]" && line.starts_with("default-members") {
            assert_eq!(line, r#"default-members = ["."]"#, "the workspace's default member must be the core alone");
        }
    }
    assert!(found.is_empty(), "the core depends on {found:?}: that belongs in bridge/");
}
