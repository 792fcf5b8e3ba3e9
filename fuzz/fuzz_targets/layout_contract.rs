//! Any bytes given to the layout's JSON contract (what `mabos-planner-cli layout` and
//! the app's diagrams hand it): a layout or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mabos_planner::layout::layered_json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Huge graphs only measure the fuzzer's patience; the contract is what is tested.
    if text.len() > 64 * 1024 {
        return;
    }
    if let Ok(out) = layered_json(text) {
        serde_json::from_str::<serde_json::Value>(&out).expect("the output is JSON");
    }
});
