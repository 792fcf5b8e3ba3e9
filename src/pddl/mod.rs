//! PDDL in and out: a STRIPS subset (with `:typing`, `:negative-preconditions` and
//! `:equality`) read into the planner's actions, a goal and a start state, and an action
//! library with a goal written back as a PDDL domain and problem, and a plan as a PDDL
//! plan file, so that Fast Downward and plan validators can check them.
//!
//! Pure: text in, values out. Reading is `sexpr` (text to s-expressions, with line and
//! column), `parse` (s-expressions to the typed tree of `ast`, refusing what is outside
//! the subset with the requirement it needs) and `ground` (schemas to ground actions
//! over boolean facts); [`to_document`] turns the result into an import
//! [`Document`](crate::export::Document), which the store imports as one gesture.
//! Writing is `write`. docs/pddl.md states the subset and the mapping.

mod ast;
mod ground;
mod parse;
mod sexpr;
mod write;

pub use ground::GroundAction;
pub use parse::SUPPORTED_REQUIREMENTS;
pub use write::{export, pddl_name, plan_file, start_state, PddlExport};

use crate::domain::{Effect, GoalKind, GoalMode, GoalStatus, Refinement, Value, PRIORITY_DEFAULT};
use crate::export::v1::{ActionDoc, Document, DocumentKind, GoalDoc, FORMAT, VERSION};
use crate::{Error, Result};

/// The largest PDDL file read, in bytes.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// The deepest nesting of parentheses read.
pub const MAX_NESTING: usize = 64;
/// The most parameter tuples grounding tries, over all schemas.
pub const MAX_CANDIDATES: usize = 2_000_000;
/// The most ground actions an import creates.
pub const MAX_GROUND_ACTIONS: usize = 50_000;

pub use crate::error::PddlFile;

/// Choices for [`to_document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// Record the initial state as the workspace's world state too (an import is
    /// refused when the workspace already records one of those facts).
    pub world_state: bool,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { world_state: true }
    }
}

/// A domain and a problem, read and grounded.
#[derive(Clone, Debug, PartialEq)]
pub struct Grounded {
    /// The domain's name.
    pub domain: String,
    /// The problem's name: the goal's key.
    pub problem: String,
    /// Every ground action that can ever run, sorted by key.
    pub actions: Vec<GroundAction>,
    /// The atoms true at the start, as fact keys, sorted.
    pub init: Vec<String>,
    /// The goal's literals as conditions, in the order written.
    pub goal: Vec<crate::domain::Condition>,
}

/// Reads a domain and a problem and grounds them.
pub fn ground(domain_text: &str, problem_text: &str) -> Result<Grounded> {
    for (text, file) in [(domain_text, PddlFile::Domain), (problem_text, PddlFile::Problem)] {
        if text.len() > MAX_INPUT_BYTES {
            return Err(Error::Pddl { file, line: 0, column: 0, message: format!("the file is larger than {MAX_INPUT_BYTES} bytes") });
        }
    }
    let domain = parse::domain(domain_text)?;
    let problem = parse::problem(problem_text, &domain)?;
    let mut facts = ground::Facts::default();
    let init = ground::init(&problem, &mut facts)?.into_iter().collect();
    let mut actions = ground::actions(&domain, &problem, &mut facts)?;
    actions.sort_by(|a, b| a.key.cmp(&b.key));
    let goal = ground::goal(&problem, &mut facts)?;
    crate::domain::Key::parse(&problem.name).map_err(|reason| Error::Pddl {
        file: PddlFile::Problem,
        line: 0,
        column: 0,
        message: format!("the problem's name {:?} is the goal's key, which {reason}", problem.name),
    })?;
    Ok(Grounded { domain: domain.name, problem: problem.name, actions, init, goal })
}

/// Reads a domain and a problem into an import document: one action per ground action
/// (cost 1, one hour), one goal keyed by the problem's name whose postconditions are
/// the problem's goal and whose preconditions are the initial atoms (`= true`: the
/// start state `synth` and `validate-plan` read), and, with
/// [`ImportOptions::world_state`], the initial atoms as the recorded world state.
pub fn to_document(domain_text: &str, problem_text: &str, options: ImportOptions) -> Result<Document> {
    let g = ground(domain_text, problem_text)?;
    let actions = g
        .actions
        .iter()
        .map(|a| ActionDoc {
            key: a.key.clone(),
            name: a.key.replace('.', " "),
            description: format!("PDDL action ({}) of domain {}", std::iter::once(a.schema.as_str()).chain(a.args.iter().map(String::as_str)).collect::<Vec<_>>().join(" "), g.domain),
            cost: 1.0,
            duration: 1.0,
            requires: Vec::new(),
            preconditions: a.preconditions.clone(),
            effects: a.effects.clone(),
        })
        .collect();
    let truth = |key: &String| crate::domain::Condition::new(key, crate::domain::Op::Eq, Value::Bool(true));
    let goal = GoalDoc {
        key: g.problem.clone(),
        title: format!("PDDL problem {} (domain {})", g.problem, g.domain),
        description: String::new(),
        status: GoalStatus::Pending,
        priority: PRIORITY_DEFAULT,
        kind: GoalKind::Hard,
        mode: GoalMode::Achieve,
        refinement: Refinement::And,
        parent: None,
        depends_on: Vec::new(),
        contributions: Vec::new(),
        preconditions: g.init.iter().map(truth).collect(),
        postconditions: g.goal.clone(),
        effects: Vec::new(),
        metrics: Vec::new(),
    };
    let world_state = if options.world_state { g.init.iter().map(|k| Effect::new(k, Value::Bool(true))).collect() } else { Vec::new() };
    Ok(Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        kind: DocumentKind::Workspace,
        exported_at: crate::time_util::now_rfc3339(),
        generator: concat!("mabos-planner ", env!("CARGO_PKG_VERSION")).to_owned(),
        capabilities: Vec::new(),
        agents: Vec::new(),
        goals: vec![goal],
        actions,
        methods: Vec::new(),
        plans: Vec::new(),
        tasks: Vec::new(),
        world_state,
    })
}

/// The fact key (or action key) of `(predicate args…)`: the names joined by `.`, with
/// `__` in a name read as `.` (so that the nullary names the exporter writes read back
/// as the keys they came from).
pub fn atom_key(predicate: &str, args: &[&str]) -> String {
    let mut key = predicate.replace("__", ".");
    for a in args {
        key.push('.');
        key.push_str(&a.replace("__", "."));
    }
    key
}
