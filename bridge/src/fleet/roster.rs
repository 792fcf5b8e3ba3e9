//! Which agents the fleet acts for: those named on its command line, or every agent of a
//! database, read again (at most once a second) when an offer names an agent it does not
//! know yet, so that agents created while it runs are served too.

use anyhow::{Context, Result};
use mabos_planner::Store;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where the fleet's agents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Agents {
    /// Every agent of this database.
    Database(PathBuf),
    /// These agents, by key.
    Listed(Vec<String>),
}

/// The agents the fleet acts for.
#[derive(Debug)]
pub struct Roster {
    source: Agents,
    known: BTreeSet<String>,
    read_at: Instant,
}

/// How often the database is read again for an agent the roster does not know.
const REREAD: Duration = Duration::from_secs(1);

impl Roster {
    /// The roster of `source`; fails when the database cannot be read.
    pub async fn load(source: Agents) -> Result<Roster> {
        let known = match &source {
            Agents::Listed(keys) => keys.iter().cloned().collect(),
            Agents::Database(path) => read(path.clone()).await?,
        };
        Ok(Roster { source, known, read_at: Instant::now() })
    }

    /// The agents known now.
    pub fn agents(&self) -> &BTreeSet<String> {
        &self.known
    }

    /// Whether the fleet acts for `agent` (reading the database again if it may have been
    /// created since).
    pub async fn knows(&mut self, agent: &str) -> bool {
        if self.known.contains(agent) {
            return true;
        }
        if let Agents::Database(path) = &self.source {
            if self.read_at.elapsed() >= REREAD {
                self.read_at = Instant::now();
                match read(path.clone()).await {
                    Ok(known) => self.known = known,
                    Err(e) => tracing::warn!(error = format!("{e:#}"), "reading the agents again"),
                }
            }
        }
        self.known.contains(agent)
    }
}

/// Every agent's key in the database at `path`, read on tokio's blocking pool.
async fn read(path: PathBuf) -> Result<BTreeSet<String>> {
    let shown = path.display().to_string();
    let agents = tokio::task::spawn_blocking(move || Store::open_read_only(&path).and_then(|store| store.agents()))
        .await
        .context("reading the database")?
        .with_context(|| format!("reading the agents of {shown}"))?;
    Ok(agents.into_iter().map(|a| a.key).collect())
}
