//! Writing files without hurting them: `kehoach fmt` replacing a plan, `kehoach export --out`.
//!
//! A regular file is replaced all at once: a temporary file beside it (hidden, so a walk skips it) gets the text,
//! the file's mode and owner, and is flushed to disk, then renamed over it, so a crash leaves the old file or the
//! new one, never half of one; the temporary file is removed on every failure. A file its owner may not write is
//! refused, not made writable; so is a file whose owner replacing it would change. `fmt` also checks, just before
//! the rename, that the plan is still what it read (same file, size, time and bytes), so an edit made while it ran
//! is not lost. Anything that is not a regular file (`/dev/null`, a FIFO, a terminal) is written through, never
//! replaced: renaming over `/dev/null` as root would make it a regular file. `kehoach init` writes new files only,
//! and never replaces anything ([`write_new`]).

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostics::Text;
use crate::text;
use crate::workspace::read::{io_reason, read_bounded, same_state};

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The system refused to open, write, rename or inspect it (no such folder, permission denied, disk full).
    Io(io::Error),
    /// Its owner may not write it (mode `0444`, say): it is left as it is, not made writable.
    ReadOnly,
    /// It belongs to another user, whose ownership replacing it would take away.
    OtherOwner,
    /// It changed since it was read: replacing it would lose that change.
    Changed,
    /// A folder.
    Folder,
    /// Something is already there, and a new file was asked for.
    Exists,
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> WriteError {
        WriteError::Io(e)
    }
}

impl WriteError {
    /// Why, in a few words: what follows "cannot write PATH: ".
    pub fn reason(&self) -> Text {
        match self {
            WriteError::Io(e) => io_reason(e),
            WriteError::ReadOnly => text!(
                "the file is read-only; make it writable (e.g. `chmod u+w`) if it should change",
                "tệp chỉ cho phép đọc; hãy cho phép ghi (ví dụ `chmod u+w`) nếu muốn thay đổi nó"
            ),
            WriteError::OtherOwner => text!(
                "the file belongs to another user, and replacing it would make it yours",
                "tệp thuộc về người dùng khác, và thay thế nó sẽ đổi chủ sở hữu của tệp"
            ),
            WriteError::Changed => text!(
                "the file changed while it was being formatted; run `kehoach fmt` again",
                "tệp đã thay đổi trong lúc được định dạng; hãy chạy lại `kehoach fmt`"
            ),
            WriteError::Folder => text!("it is a folder", "đây là một thư mục"),
            WriteError::Exists => text!(
                "something is already there, and is left as it is",
                "đã có tệp hoặc thư mục ở đó, và nó được giữ nguyên"
            ),
        }
    }
}

/// Writes `text` to `path` for `export --out`: a new file or a regular one (through a symbolic link, keeping the
/// link) is replaced atomically, keeping its mode and owner; anything else is written through.
pub fn write_output(path: &Path, text: &str) -> Result<(), WriteError> {
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => {
            let real = fs::canonicalize(path)?;
            replace(&real, text, Some(&metadata), || Ok(()))
        }
        Ok(metadata) if metadata.is_dir() => Err(WriteError::Folder),
        Ok(_) => {
            let mut file = OpenOptions::new().write(true).open(path)?;
            file.write_all(text.as_bytes())?;
            file.flush()?;
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(path, text, None, || Ok(())),
        Err(e) => Err(e.into()),
    }
}

/// Writes `text` to a new file at `path`, never replacing anything there, not even a symbolic link. The text goes
/// to a temporary file beside it, which is then linked at `path`: the link fails if anything is there, and a crash
/// leaves no half-written file at `path`. Where the file system has no hard links, the file is created
/// exclusively (`O_EXCL`) and written in place.
pub fn write_new(path: &Path, text: &str) -> Result<(), WriteError> {
    let exists = |e: io::Error| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists
        } else {
            WriteError::Io(e)
        }
    };
    let (temp, mut file) = create_temp(path, false)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    match fs::hard_link(&temp.0, path) {
        // The temporary name is removed when `temp` is dropped; the file stays at `path`.
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists),
        Err(_) => {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(exists)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            Ok(())
        }
    }
}

/// Replaces the plan at `real` (a real path), read as `original` from a file described by `read_as`, with
/// `text`, if it has not changed since.
pub fn replace_plan(
    real: &Path,
    text: &str,
    original: &[u8],
    read_as: &Metadata,
) -> Result<(), WriteError> {
    replace(real, text, Some(read_as), || {
        check_unchanged(real, original, read_as)
    })
}

/// Whether the file at `real` is still the file `read_as` describes (same device and inode, size and
/// modification time), holding `original`.
pub fn check_unchanged(real: &Path, original: &[u8], read_as: &Metadata) -> Result<(), WriteError> {
    let now = read_bounded(real).map_err(|_| WriteError::Changed)?;
    if same_state(read_as, &now.metadata) && now.bytes == original {
        Ok(())
    } else {
        Err(WriteError::Changed)
    }
}

/// Writes a temporary file beside `target`, gives it `keep`'s mode and owner, flushes it, runs `last_check` and
/// renames it over `target`. The temporary file does not outlive a failure.
fn replace(
    target: &Path,
    text: &str,
    keep: Option<&Metadata>,
    last_check: impl FnOnce() -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    if keep.is_some_and(read_only) {
        return Err(WriteError::ReadOnly);
    }
    let (temp, mut file) = create_temp(target, keep.is_some())?;
    let written = (|| {
        file.write_all(text.as_bytes())?;
        if let Some(keep) = keep {
            keep_owner(&file, keep)?;
            // After the owner: changing it clears the set-id bits, which the mode then restores.
            file.set_permissions(keep.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        last_check()?;
        fs::rename(&temp.0, target)?;
        Ok(())
    })();
    if written.is_ok() {
        temp.keep();
    }
    written
}

/// A temporary file removed when dropped, unless kept.
struct Temp(PathBuf);

impl Temp {
    fn keep(mut self) {
        self.0 = PathBuf::new();
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.0);
        }
    }
}

/// A new file beside `target`, named after it and hidden. When it replaces a file whose mode it will take, it is
/// created readable by its owner only, so the text is never readable by more people than the file allows.
fn create_temp(target: &Path, replacing: bool) -> io::Result<(Temp, File)> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy());
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(
            ".{name}.kehoach-{}-{attempt}.tmp",
            std::process::id()
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(if replacing { 0o600 } else { 0o666 });
        }
        #[cfg(not(unix))]
        let _ = replacing;
        match options.open(&temp) {
            Ok(file) => return Ok((Temp(temp), file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// A file its owner may not write.
#[cfg(unix)]
fn read_only(metadata: &Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o200 == 0
}

#[cfg(not(unix))]
fn read_only(metadata: &Metadata) -> bool {
    metadata.permissions().readonly()
}

/// Gives the temporary file the owner and group of the file it replaces. Only root may give a file away: anyone
/// else gets `EPERM`, harmless when the owner is already theirs (only the group may differ, when they are not in
/// it), and a refusal when it is not.
#[cfg(unix)]
fn keep_owner(temp: &File, keep: &Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let mine = temp.metadata()?;
    if (mine.uid(), mine.gid()) == (keep.uid(), keep.gid()) {
        return Ok(());
    }
    match std::os::unix::fs::fchown(temp, Some(keep.uid()), Some(keep.gid())) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            if mine.uid() == keep.uid() {
                Ok(())
            } else {
                Err(WriteError::OtherOwner)
            }
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
fn keep_owner(_temp: &File, _keep: &Metadata) -> Result<(), WriteError> {
    Ok(())
}
