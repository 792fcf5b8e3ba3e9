//! The NATS bridge inside the app (docs/bridge.md): the Broker view connects it to a
//! server and disconnects it. It runs on the app's async runtime with its own connection
//! to the open database; what agents report lands there as their gestures, and the
//! watcher (`watch.rs`) shows it like any other writer's. The URL and whether to connect
//! at start are remembered in the app's config folder.

use crate::error::CommandError;
use mabos_planner_bridge::{Config, StatusCell};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tokio::sync::oneshot;

/// The server a new installation offers: a local `nats-server -js`.
pub const DEFAULT_URL: &str = "nats://127.0.0.1:4222";

/// What the Broker view remembers between runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub url: String,
    /// Connect when the app starts: it was connected when the app closed.
    pub connect_at_start: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { url: DEFAULT_URL.to_owned(), connect_at_start: false }
    }
}

/// Where the bridge stands, as the Broker view shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum BrokerState {
    Disconnected,
    /// Started, not (or no longer) connected: it retries, backing off up to 5 s.
    Connecting,
    Connected,
}

/// The running bridge.
struct Running {
    stop: oneshot::Sender<()>,
    status: StatusCell,
    database: PathBuf,
}

/// Managed state: the settings and the bridge, if running.
pub struct Broker {
    settings_file: Option<PathBuf>,
    inner: Mutex<(Settings, Option<Running>)>,
}

impl Broker {
    /// The broker with the settings kept in `settings_file` (defaults when there is
    /// none or it cannot be read).
    pub fn load(settings_file: Option<PathBuf>) -> Broker {
        let settings = settings_file.as_deref().and_then(read_settings).unwrap_or_default();
        Broker { settings_file, inner: Mutex::new((settings, None)) }
    }

    pub fn settings(&self) -> Settings {
        self.lock().0.clone()
    }

    /// The state, the URL, the database the bridge runs on and its last error.
    pub fn state(&self) -> (BrokerState, Settings, Option<String>, Option<String>) {
        let inner = self.lock();
        let (state, database, error) = match &inner.1 {
            None => (BrokerState::Disconnected, None, None),
            Some(running) => {
                let status = running.status.get();
                let state = if status.connected { BrokerState::Connected } else { BrokerState::Connecting };
                (state, Some(running.database.display().to_string()), status.last_error)
            }
        };
        (state, inner.0.clone(), database, error)
    }

    /// Starts the bridge from `database` to `url` (stopping one already running) and
    /// remembers the URL. Refused, with the field `url`, for a URL the bridge cannot use.
    pub fn connect(&self, url: &str, database: &Path) -> Result<(), CommandError> {
        let url = check_url(url)?;
        let mut config = Config::new(database, &url);
        let status = config.status.clone();
        config.poll = std::time::Duration::from_millis(100);
        let (stop, stopped) = oneshot::channel::<()>();
        let mut inner = self.lock();
        if let Some(previous) = inner.1.take() {
            let _ = previous.stop.send(());
        }
        tauri::async_runtime::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(e) = mabos_planner_bridge::run(config, shutdown).await {
                tracing::error!(error = format!("{e:#}"), "the bridge stopped");
            }
        });
        tracing::info!(%url, database = %database.display(), "broker bridge started");
        inner.1 = Some(Running { stop, status, database: database.to_owned() });
        inner.0 = Settings { url, connect_at_start: true };
        self.save(&inner.0);
        Ok(())
    }

    /// Stops the bridge; whether one was running. Events wait in the database's log
    /// until the next connection sends them.
    pub fn disconnect(&self) -> bool {
        let mut inner = self.lock();
        inner.0.connect_at_start = false;
        self.save(&inner.0);
        match inner.1.take() {
            Some(running) => {
                let _ = running.stop.send(());
                tracing::info!("broker bridge stopped");
                true
            }
            None => false,
        }
    }

    /// Another database is open: a running bridge follows it.
    pub fn follow(&self, database: &Path) {
        let (running, url) = {
            let inner = self.lock();
            (inner.1.is_some(), inner.0.url.clone())
        };
        if running {
            if let Err(e) = self.connect(&url, database) {
                tracing::warn!(error = %e.message, "the bridge cannot follow the database");
            }
        }
    }

    fn save(&self, settings: &Settings) {
        let Some(file) = &self.settings_file else { return };
        let written = serde_json::to_vec_pretty(settings)
            .map_err(std::io::Error::other)
            .and_then(|bytes| {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                mabos_planner::fsutil::write_atomic(file, &bytes)
            });
        if let Err(e) = written {
            tracing::warn!(file = %file.display(), error = %e, "cannot remember the broker settings");
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Settings, Option<Running>)> {
        // Plain data written whole under the lock: still consistent after a panic.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The settings in `file`, if it holds a small, well-formed settings document.
fn read_settings(file: &Path) -> Option<Settings> {
    let bytes = std::fs::read(file).ok().filter(|b| b.len() <= 4096)?;
    let settings: Settings = serde_json::from_slice(&bytes).ok()?;
    check_url(&settings.url).ok().map(|url| Settings { url, ..settings })
}

/// The longest URL accepted: far more than any server address needs.
const MAX_URL: usize = 512;

/// A server URL the bridge can connect to: `nats://`, `tls://` (or `ws://`, `wss://`)
/// with a host, or a bare `host:port`; one server, no spaces.
pub fn check_url(url: &str) -> Result<String, CommandError> {
    let url = url.trim();
    let refuse = |reason: &str| {
        let mut error = CommandError::new("invalid", format!("broker URL {reason}"));
        error.field = Some("url".into());
        error
    };
    if url.is_empty() {
        return Err(refuse("must not be empty (e.g. nats://127.0.0.1:4222)"));
    }
    if url.len() > MAX_URL {
        return Err(refuse(&format!("is longer than {MAX_URL} characters")));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',') {
        return Err(refuse("must be one server address, without spaces or commas"));
    }
    let rest = match url.split_once("://") {
        Some((scheme, rest)) if ["nats", "tls", "ws", "wss"].contains(&scheme) => rest,
        Some((scheme, _)) => return Err(refuse(&format!("has scheme {scheme:?}: use nats://, tls://, ws:// or wss://"))),
        None => url,
    };
    let host_port = rest.rsplit_once('@').map_or(rest, |(_, h)| h).split('/').next().unwrap_or_default();
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) => {
            if port.parse::<u16>().map_or(true, |p| p == 0) {
                return Err(refuse(&format!("has port {port:?}, which is not 1 to 65535")));
            }
            host
        }
        None => host_port,
    };
    if host.is_empty() {
        return Err(refuse("names no host"));
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_the_bridge_can_use_pass_and_others_name_the_field() {
        for good in ["nats://127.0.0.1:4222", "tls://nats.example.com:4443", "localhost:4222", "nats://user:secret@host:4222", " nats://h "] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for (bad, says) in [
            ("", "must not be empty"),
            ("http://host:4222", "scheme \"http\""),
            ("nats://host:99999", "port \"99999\""),
            ("nats://:4222", "names no host"),
            ("nats://a:1,nats://b:2", "one server address"),
            ("nats://a b", "one server address"),
        ] {
            let error = check_url(bad).expect_err(bad);
            assert_eq!(error.field.as_deref(), Some("url"));
            assert!(error.message.contains(says), "{bad}: {}", error.message);
        }
        assert!(check_url(&format!("nats://{}", "h".repeat(600))).unwrap_err().message.contains("longer than 512"));
    }

    #[test]
    fn settings_are_remembered_and_a_bad_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config").join("broker.json");
        let broker = Broker::load(Some(file.clone()));
        assert_eq!(broker.settings(), Settings::default());
        broker.save(&Settings { url: "nats://h:1".into(), connect_at_start: true });
        assert_eq!(Broker::load(Some(file.clone())).settings(), Settings { url: "nats://h:1".into(), connect_at_start: true });
        for junk in [&b"not json"[..], br#"{"url": "http://x", "connect_at_start": true}"#, &vec![b' '; 5000]] {
            std::fs::write(&file, junk).unwrap();
            assert_eq!(Broker::load(Some(file.clone())).settings(), Settings::default());
        }
    }
}
