//! The three streams of the contract (docs/bridge.md), made when missing: file storage,
//! otherwise the server's defaults; a stream that exists is used as it is. The bridge and
//! the example agents (`fleet`) make them the same way, so whichever starts first makes
//! them as the other expects.

use crate::subjects::{EVENTS_STREAM, EVENTS_SUBJECTS, REPORTS_STREAM, REPORTS_SUBJECTS, WORK_STREAM, WORK_SUBJECTS};
use anyhow::{Context, Result};
use async_nats::jetstream::{self, stream, Context as JetStream};
use std::time::Duration;

/// How long a connection attempt, a request or a JetStream call may take.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// A JetStream context on the server at `url`, the connection named `client` (it shows
/// in the server's monitoring).
pub async fn connect(client: &str, url: &str) -> Result<JetStream> {
    let connection = async_nats::ConnectOptions::new()
        .name(client)
        .connection_timeout(TIMEOUT)
        .request_timeout(Some(TIMEOUT))
        .connect(url)
        .await
        .with_context(|| format!("connecting to {url}"))?;
    tracing::info!(nats = %url, "connected");
    Ok(jetstream::ContextBuilder::new().timeout(TIMEOUT).build(connection))
}

/// The stream of work (offers, withdrawals, receipts), made if missing.
pub async fn work(js: &JetStream) -> Result<stream::Stream> {
    ensure(js, WORK_STREAM, WORK_SUBJECTS.iter().map(|s| s.to_string()).collect()).await
}

/// The stream of the agents' reports, made if missing.
pub async fn reports(js: &JetStream) -> Result<stream::Stream> {
    ensure(js, REPORTS_STREAM, vec![REPORTS_SUBJECTS.to_owned()]).await
}

/// The stream of the event log, made if missing.
pub async fn events(js: &JetStream) -> Result<stream::Stream> {
    ensure(js, EVENTS_STREAM, vec![EVENTS_SUBJECTS.to_owned()]).await
}

/// The stream `name` on `subjects`, created (file storage) if missing.
async fn ensure(js: &JetStream, name: &str, subjects: Vec<String>) -> Result<stream::Stream> {
    let config = stream::Config { name: name.to_owned(), subjects, storage: stream::StorageType::File, ..Default::default() };
    js.get_or_create_stream(config).await.with_context(|| format!("creating stream {name}"))
}
