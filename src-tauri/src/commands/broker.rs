//! The Broker view: connect the NATS bridge, disconnect it, and how it stands.

use super::Reply;
use crate::broker::{Broker, BrokerState};
use crate::db::Db;
use mabos_planner_bridge::subjects::EVENTS_STREAM;
use serde::Serialize;
use tauri::State;

/// What the Broker view shows.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BrokerStatus {
    pub state: BrokerState,
    /// The server, as last entered (remembered between runs).
    pub url: String,
    /// The database the bridge runs on, while it runs.
    pub database: Option<String>,
    /// Events of the log the broker has not acknowledged yet.
    pub events_waiting: i64,
    /// Agent reports applied to this database, ever.
    pub reports_applied: i64,
    /// Why the last session ended or the last attempt failed.
    pub last_error: Option<String>,
}

#[tauri::command]
pub async fn broker_status(db: State<'_, Db>, broker: State<'_, Broker>) -> Reply<BrokerStatus> {
    let backlog = db.read(|s| Ok(s.bridge_backlog(EVENTS_STREAM)?)).await?;
    let (state, settings, database, last_error) = broker.state();
    Ok(BrokerStatus { state, url: settings.url, database, events_waiting: backlog.events_waiting, reports_applied: backlog.reports_applied, last_error })
}

/// Starts the bridge from the open database to `url`; refused with the field `url` for
/// an address it cannot use. It connects (and reconnects) in the background.
#[tauri::command]
pub async fn broker_connect(db: State<'_, Db>, broker: State<'_, Broker>, url: String) -> Reply<BrokerStatus> {
    broker.connect(&url, &db.path())?;
    broker_status(db, broker).await
}

#[tauri::command]
pub async fn broker_disconnect(db: State<'_, Db>, broker: State<'_, Broker>) -> Reply<BrokerStatus> {
    broker.disconnect();
    broker_status(db, broker).await
}
