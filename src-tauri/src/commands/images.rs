//! Saves an image of a canvas (PNG or SVG bytes made by the UI) where the user chooses in
//! a native save dialog, and says where it went.

use super::Reply;
use crate::error::CommandError;
use crate::dialogs::{self, Ask, Dialog};
use std::path::PathBuf;
use tauri::ipc::{InvokeBody, Request};
use tauri::AppHandle;

/// The body is the file's bytes; the `file-name` header the name the save dialog
/// suggests (a plain `.png` or `.svg` name, never a path). Resolves to the path written,
/// or `None` when the user cancelled.
#[tauri::command]
pub async fn save_image(app: AppHandle, request: Request<'_>) -> Reply<Option<String>> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::new("bad_request", "the image must arrive as raw bytes"));
    };
    let name = request.headers().get("file-name").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let name = plain_image_name(name)?;
    let filter = if name.extension().is_some_and(|e| e == "png") { dialogs::PNG_FILES } else { dialogs::SVG_FILES };
    let bytes = bytes.clone();
    let dialog = Dialog { title: "Save image".into(), ask: Ask::Save { file_name: name.display().to_string() }, filter };
    let Some(path) = dialogs::choose(&app, dialog).await? else {
        return Ok(None);
    };
    let written = path.clone();
    crate::db::run_blocking(move || mabos_planner::fsutil::write_atomic(&written, &bytes).map_err(|e| CommandError::new("io", format!("{}: {e}", written.display())))).await?;
    tracing::info!(path = %path.display(), "image saved");
    Ok(Some(path.display().to_string()))
}

/// A file name without folders, ending in `.png` or `.svg`.
fn plain_image_name(name: &str) -> Reply<PathBuf> {
    let plain = !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', '\0']);
    let image = name.ends_with(".png") || name.ends_with(".svg");
    if plain && image {
        Ok(PathBuf::from(name))
    } else {
        Err(CommandError { field: Some("file-name".into()), ..CommandError::new("invalid", format!("{name:?} is not a plain .png or .svg file name")) })
    }
}

#[cfg(test)]
mod tests {
    use super::plain_image_name;

    #[test]
    fn only_plain_image_names_are_written() {
        for good in ["plan-P-1.png", "goals.svg"] {
            assert!(plain_image_name(good).is_ok(), "{good}");
        }
        for bad in ["", "../x.png", "/tmp/x.png", "x.exe", ".png", "a\\b.svg"] {
            assert_eq!(plain_image_name(bad).unwrap_err().field.as_deref(), Some("file-name"), "{bad}");
        }
    }
}
