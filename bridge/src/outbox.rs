//! The outbox: every event of the log, in sequence order, to [`EVENTS_STREAM`], each
//! with the message id `<workspace id>:<seq>` and the body `mabos-planner-cli events`
//! prints for it (without the newline). The cursor (the newest seq the stream
//! acknowledged) is stored in the database after each batch, so the bridge resumes
//! after it; the events of a batch that was sent but not wholly acknowledged are sent
//! again, and JetStream drops the copies by their message id.

use crate::db::Db;
use crate::subjects::{self, EVENTS_STREAM};
use anyhow::{bail, Context, Result};
use async_nats::jetstream::Context as JetStream;
use async_nats::HeaderMap;
use mabos_planner::Event;

/// Most events sent before their acknowledgements are awaited.
pub const BATCH: u32 = 1000;

/// The message body of `event`: its JSON line as `mabos-planner-cli events` prints it.
pub fn body(event: &Event) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(event)?)
}

/// Sends the events after the stored cursor, at most [`BATCH`], and moves the cursor
/// past those the stream acknowledged. Returns how many were sent (0: nothing waits).
pub async fn send_batch(js: &JetStream, db: &Db, workspace: &str) -> Result<usize> {
    let (cursor, events) = db
        .call(|store| {
            let cursor = store.outbox_cursor(EVENTS_STREAM)?;
            Ok((cursor, store.events(cursor, BATCH)?))
        })
        .await??;
    if events.is_empty() {
        return Ok(0);
    }
    let mut acks = Vec::with_capacity(events.len());
    for event in &events {
        let mut headers = HeaderMap::new();
        headers.insert("Nats-Msg-Id", subjects::event_id(workspace, event.seq).as_str());
        let subject = subjects::event(&event.entity, &event.kind);
        let ack = js.publish_with_headers(subject, headers, body(event)?.into()).await.with_context(|| format!("publishing event {}", event.seq))?;
        acks.push((event.seq, ack));
    }
    // Acknowledgements come in the order of the messages; the cursor moves over the
    // acknowledged prefix, so a failure half way keeps what the stream already holds.
    let mut acked = cursor;
    let mut failure = None;
    for (seq, ack) in acks {
        match ack.await {
            Ok(ack) if ack.stream == EVENTS_STREAM => acked = seq,
            Ok(ack) => {
                failure = Some(anyhow::anyhow!("event {seq} went to stream {} instead of {EVENTS_STREAM}", ack.stream));
                break;
            }
            Err(e) => {
                failure = Some(anyhow::Error::new(e).context(format!("waiting for the acknowledgement of event {seq}")));
                break;
            }
        }
    }
    if acked > cursor {
        db.call(move |store| store.set_outbox_cursor(EVENTS_STREAM, acked)).await??;
        tracing::info!(from = cursor + 1, to = acked, "events published");
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if acked == cursor {
        bail!("no event was acknowledged");
    }
    Ok(events.len())
}
