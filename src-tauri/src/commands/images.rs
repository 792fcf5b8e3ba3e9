//! Saves an image of a canvas (PNG or SVG bytes made by the UI) into the user's
//! Downloads folder and says where it went.

use super::Reply;
use crate::error::CommandError;
use std::path::PathBuf;
use tauri::ipc::{InvokeBody, Request};

/// The body is the file's bytes; the `file-name` header its name (a plain `.png` or
/// `.svg` name, never a path).
#[tauri::command]
pub async fn save_image(request: Request<'_>) -> Reply<String> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::new("bad_request", "the image must arrive as raw bytes"));
    };
    let name = request.headers().get("file-name").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let name = plain_image_name(name)?;
    let dir = dirs::download_dir().or_else(dirs::home_dir).ok_or_else(|| CommandError::new("io", "no Downloads or home folder"))?;
    let path = dir.join(name);
    let bytes = bytes.clone();
    let written = path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(&written, bytes)
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("the save task failed: {e}")))?
    .map_err(|e| CommandError::new("io", format!("{}: {e}", path.display())))?;
    tracing::info!(path = %path.display(), "image saved");
    Ok(path.display().to_string())
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
