//! Any bytes read as stored conditions and effects (the JSON of a goal's or an action's
//! columns): parsing, the domain's checks, display and evaluation never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mabos_planner::{apply_effects, first_bad_condition, first_bad_effect, Condition, Effect, WorldState};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut state = WorldState::new();
    if let Ok(effects) = serde_json::from_str::<Vec<Effect>>(text) {
        apply_effects(&mut state, &effects);
        // A well-formed list (finite numbers) is written and read back whole.
        if first_bad_effect(&effects).is_none() {
            let back = serde_json::to_string(&effects).expect("effects serialise");
            let again: Vec<Effect> = serde_json::from_str(&back).expect("written effects read back");
            assert_eq!(again.len(), effects.len());
        }
    }
    if let Ok(conditions) = serde_json::from_str::<Vec<Condition>>(text) {
        let _ = first_bad_condition(&conditions);
        for c in &conditions {
            let _ = c.to_string();
            let _ = c.holds(&state);
            let _ = c.holds_for(None);
        }
    }
});
