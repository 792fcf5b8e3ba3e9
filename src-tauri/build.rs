fn main() {
    // tauri.conf.json sits at the repository root, beside the core it ships.
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri.conf.json is valid");
}
