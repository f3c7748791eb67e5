//! Uploaded import files, kept server-side between the dry run and the run.
//!
//! Why: the store records an import job's row numbers and idempotency keys, not the rows'
//! values, so the run re-plans the file. Keeping the bytes here means the confirm button
//! needs no re-upload, and a run interrupted by a crash can be resumed when the server starts.
//!
//! Files live in memory, and also under `<data dir>/imports/` once [`set_dir`] has been
//! called (`tsumiki serve` does): `<job id>.upload` holds the bytes until the job completes,
//! `<job id>.json` (sheet and language, a few bytes) stays so the job keeps being listed.
//! One spool per process; keys are the jobs' UUIDs, so servers over different stores in one
//! process (tests) never see each other's files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use tsumiki_i18n::Lang;

/// An uploaded file and how it was asked to be read.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The file as uploaded; `None` once the job completed and the bytes were released.
    pub bytes: Option<Arc<Vec<u8>>>,
    /// The `.xlsx` sheet chosen, if any.
    pub sheet: Option<String>,
    /// The language of the person who uploaded it (findings and failure reasons).
    pub lang: Lang,
}

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    sheet: Option<String>,
    lang: String,
}

#[derive(Default)]
struct Spool {
    dir: RwLock<Option<PathBuf>>,
    memory: Mutex<HashMap<String, Upload>>,
}

static SPOOL: LazyLock<Spool> = LazyLock::new(Spool::default);

/// Keeps uploads under `dir` (created on first use) from now on.
pub fn set_dir(dir: PathBuf) {
    if let Ok(mut slot) = SPOOL.dir.write() {
        *slot = Some(dir);
    }
}

fn dir() -> Option<PathBuf> {
    SPOOL.dir.read().ok().and_then(|slot| slot.clone())
}

/// Job ids are UUIDs; anything else (a crafted URL) never becomes a file name.
fn is_job_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

fn bytes_path(dir: &Path, job_id: &str) -> PathBuf {
    dir.join(format!("{job_id}.upload"))
}

fn meta_path(dir: &Path, job_id: &str) -> PathBuf {
    dir.join(format!("{job_id}.json"))
}

/// Keeps `upload` for `job_id` (replacing an earlier one). A disk failure is returned; the
/// memory copy is kept regardless, so this process can still run the job.
pub fn keep(job_id: &str, upload: Upload) -> std::io::Result<()> {
    let written = match dir() {
        Some(dir) if is_job_id(job_id) => write_files(&dir, job_id, &upload),
        _ => Ok(()),
    };
    if let Ok(mut memory) = SPOOL.memory.lock() {
        memory.insert(job_id.to_owned(), upload);
    }
    written
}

fn write_files(dir: &Path, job_id: &str, upload: &Upload) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if let Some(bytes) = &upload.bytes {
        std::fs::write(bytes_path(dir, job_id), bytes.as_slice())?;
    }
    let meta = Meta {
        sheet: upload.sheet.clone(),
        lang: upload.lang.tag().to_owned(),
    };
    let json = serde_json::to_vec(&meta).map_err(std::io::Error::other)?;
    std::fs::write(meta_path(dir, job_id), json)
}

/// The upload of `job_id`, from memory or disk.
pub fn get(job_id: &str) -> Option<Upload> {
    if let Some(upload) = SPOOL
        .memory
        .lock()
        .ok()
        .and_then(|memory| memory.get(job_id).cloned())
    {
        return Some(upload);
    }
    let dir = dir().filter(|_| is_job_id(job_id))?;
    let meta: Meta = serde_json::from_slice(&std::fs::read(meta_path(&dir, job_id)).ok()?).ok()?;
    let bytes = std::fs::read(bytes_path(&dir, job_id)).ok().map(Arc::new);
    Some(Upload {
        bytes,
        sheet: meta.sheet,
        lang: Lang::from_tag(&meta.lang).unwrap_or(Lang::Ja),
    })
}

/// Drops the bytes of a finished job (they hold personal data and are no longer needed);
/// the job stays known.
pub fn release(job_id: &str) {
    if let Ok(mut memory) = SPOOL.memory.lock()
        && let Some(upload) = memory.get_mut(job_id)
    {
        upload.bytes = None;
    }
    if let Some(dir) = dir().filter(|_| is_job_id(job_id)) {
        // Already gone is fine; anything else only leaves a file behind.
        let _ = std::fs::remove_file(bytes_path(&dir, job_id));
    }
}

/// Every job id the spool knows (memory and disk), in no particular order.
pub fn job_ids() -> Vec<String> {
    let mut ids: Vec<String> = SPOOL
        .memory
        .lock()
        .map(|memory| memory.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(dir) = dir()
        && let Ok(entries) = std::fs::read_dir(&dir)
    {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if let Some(id) = name.to_str().and_then(|name| name.strip_suffix(".json"))
                && is_job_id(id)
                && !ids.iter().any(|known| known == id)
            {
                ids.push(id.to_owned());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_uuid_like_ids_become_file_names() {
        assert!(is_job_id("0357c0d3-9b9a-4a1b-95df-acf50bc751ef"));
        for hostile in [
            "",
            "../master",
            "..",
            "a/b",
            "x.json",
            "id\0",
            &"a".repeat(65),
        ] {
            assert!(!is_job_id(hostile), "{hostile:?}");
        }
    }

    #[test]
    fn an_upload_survives_the_process_on_disk_until_released() {
        let dir = tempfile::tempdir().unwrap();
        set_dir(dir.path().join("imports"));
        let id = "11111111-2222-4333-8444-555555555555";
        let upload = Upload {
            bytes: Some(Arc::new(b"name,email\n".to_vec())),
            sheet: Some("受講者".to_owned()),
            lang: Lang::En,
        };
        keep(id, upload).unwrap();
        // What a restarted server sees: the disk only.
        if let Ok(mut memory) = SPOOL.memory.lock() {
            memory.remove(id);
        }
        assert!(job_ids().iter().any(|known| known == id));
        let read = get(id).unwrap();
        assert_eq!(
            read.bytes.as_deref().map(Vec::as_slice),
            Some(&b"name,email\n"[..])
        );
        assert_eq!(read.sheet.as_deref(), Some("受講者"));
        assert_eq!(read.lang, Lang::En);

        release(id);
        assert!(
            !dir.path()
                .join("imports")
                .join(format!("{id}.upload"))
                .exists()
        );
        let released = get(id).unwrap();
        assert!(
            released.bytes.is_none(),
            "the job stays known without its bytes"
        );
        assert!(get("../../etc/passwd").is_none());
    }
}
