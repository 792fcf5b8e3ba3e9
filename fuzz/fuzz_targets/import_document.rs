//! Any bytes given to the importer's checks: a document or a typed refusal, never a
//! panic, and an accepted document survives a write and a second read unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mabos_planner::export::{to_text, validate_document};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = validate_document(text) {
        let written = to_text(&doc);
        let again = validate_document(&written).expect("a written document reads back");
        assert_eq!(to_text(&again), written, "writing is stable");
    }
});
