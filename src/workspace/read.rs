//! Reading a file with a bound: the one way kehoach reads a plan or facts from disk.
//!
//! Plans and facts are untrusted (they come from pull requests), and a path may name anything: a FIFO that never
//! ends, `/dev/zero`, a file that grows while it is read. [`read_bounded`] refuses what is not a regular file
//! before opening it (opening some devices does something), opens without blocking (so a FIFO swapped in
//! meanwhile cannot hang the run), checks the opened handle's own metadata again, and reads at most
//! [`MAX_FILE_BYTES`] + 1 bytes: a file that grew past the limit after its size was looked at is still refused,
//! and nothing ever holds more than the limit in memory.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostics::Text;
use crate::limits::MAX_FILE_BYTES;
use crate::text;

/// A file's bytes and what it was when they were read (its size, time, identity, mode and owner), so that a
/// writer can tell before replacing it whether it changed since, and keep its mode and owner.
#[derive(Debug)]
pub struct Contents {
    /// The whole file, at most [`MAX_FILE_BYTES`].
    pub bytes: Vec<u8>,
    /// The metadata of the handle the bytes were read from.
    pub metadata: Metadata,
}

/// What a path that is not a regular file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A folder.
    Folder,
    /// A symbolic link, where a link is not followed.
    Link,
    /// A FIFO (named pipe), which could block a read forever.
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device (`/dev/zero`, a terminal), which may never end.
    CharDevice,
    /// A block device (a disk).
    BlockDevice,
    /// Anything else that is not a regular file.
    Other,
}

impl FileKind {
    fn of(kind: FileType) -> FileKind {
        if kind.is_symlink() {
            return FileKind::Link;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return FileKind::Fifo;
            }
            if kind.is_socket() {
                return FileKind::Socket;
            }
            if kind.is_char_device() {
                return FileKind::CharDevice;
            }
            if kind.is_block_device() {
                return FileKind::BlockDevice;
            }
        }
        if kind.is_dir() {
            FileKind::Folder
        } else {
            FileKind::Other
        }
    }

    fn words(self) -> Text {
        match self {
            FileKind::Folder => text!("a folder", "một thư mục"),
            FileKind::Link => text!("a symbolic link", "một liên kết tượng trưng"),
            FileKind::Fifo => text!("a FIFO (named pipe)", "một FIFO (ống có tên)"),
            FileKind::Socket => text!("a socket", "một socket"),
            FileKind::CharDevice => text!("a character device", "một thiết bị ký tự"),
            FileKind::BlockDevice => text!("a block device", "một thiết bị khối"),
            FileKind::Other => text!("not a file", "không phải tệp"),
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The system refused to open, inspect or read it (not found, permission denied).
    Io(io::Error),
    /// A folder, a FIFO, a socket, a device: refused before anything is read.
    NotRegular(FileKind),
    /// Its size is over the limit: refused without reading it.
    TooLarge {
        /// The size found, in bytes.
        bytes: u64,
    },
    /// Its size said it fit, but it gave more than the limit while being read.
    Grew,
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

impl ReadError {
    /// Why, in a few words: what follows "cannot read PATH: ".
    pub fn reason(&self) -> Text {
        let limit = MAX_FILE_BYTES / (1024 * 1024);
        match self {
            ReadError::Io(e) => io_reason(e),
            ReadError::NotRegular(kind) => {
                let kind = kind.words();
                Text::new(
                    format!(
                        "it is {}, not a regular file; plans and facts are read only from regular files",
                        kind.en
                    ),
                    format!(
                        "đây là {}, không phải tệp thông thường; kế hoạch và số liệu chỉ được đọc từ tệp thông thường",
                        kind.vi
                    ),
                )
            }
            ReadError::TooLarge { bytes } => {
                // Rounded up: a byte over 16 MiB is not "16 MiB over the 16 MiB limit".
                let size = bytes.div_ceil(1024 * 1024);
                text!(
                    "{size} MiB is over the {limit} MiB limit",
                    "{size} MiB vượt giới hạn {limit} MiB"
                )
            }
            ReadError::Grew => text!(
                "it grew past the {limit} MiB limit while being read",
                "tệp lớn quá giới hạn {limit} MiB trong lúc được đọc"
            ),
        }
    }
}

/// An I/O error in a few lowercase words, in both languages where the kind is a common one.
pub(crate) fn io_reason(e: &io::Error) -> Text {
    match e.kind() {
        io::ErrorKind::NotFound => text!("no such file or folder", "không có tệp hay thư mục này"),
        io::ErrorKind::PermissionDenied => text!("permission denied", "không có quyền truy cập"),
        io::ErrorKind::NotADirectory => text!(
            "a part of the path is not a folder",
            "một phần của đường dẫn không phải thư mục"
        ),
        _ => {
            let shown = e.to_string();
            Text::new(shown.clone(), shown)
        }
    }
}

/// Whether a text of `bytes` bytes given in memory is within the size limit: the one check for texts that no
/// reader bounded ([`crate::Source::new`]).
pub fn fits(bytes: usize) -> Result<(), ReadError> {
    if bytes > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            bytes: u64::try_from(bytes).unwrap_or(u64::MAX),
        });
    }
    Ok(())
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. `path` is a real path (every caller has resolved it and
/// judged where it leads): a symbolic link found in its place is refused, not followed, so a link swapped in after
/// the path was judged cannot lead the read elsewhere.
pub fn read_bounded(path: &Path) -> Result<Contents, ReadError> {
    read_capped(path, MAX_FILE_BYTES)
}

/// [`read_bounded`] with a cap of `cap` bytes.
pub(crate) fn read_capped(path: &Path, cap: usize) -> Result<Contents, ReadError> {
    let before = std::fs::symlink_metadata(path)?;
    if !before.is_file() {
        return Err(ReadError::NotRegular(FileKind::of(before.file_type())));
    }
    let file = open_without_blocking(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return ReadError::NotRegular(FileKind::Link);
        }
        ReadError::Io(e)
    })?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(FileKind::of(metadata.file_type())));
    }
    let cap64 = u64::try_from(cap).unwrap_or(u64::MAX);
    if metadata.len() > cap64 {
        return Err(ReadError::TooLarge {
            bytes: metadata.len(),
        });
    }
    let expected = usize::try_from(metadata.len()).unwrap_or(cap).min(cap);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(cap64.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() > cap {
        return Err(ReadError::Grew);
    }
    Ok(Contents { bytes, metadata })
}

/// Opens for reading without blocking: opening a FIFO for reading otherwise waits for a writer, forever. Not a
/// controlling terminal either, should the path be one, and not through a symbolic link in its last component.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// Whether a file is as it was when read: same file (device and inode), size and modification time. A writer
/// compares the content too, as two writes within the clock's resolution keep the time.
#[cfg(feature = "cli")]
pub(crate) fn same_state(then: &Metadata, now: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (then.dev(), then.ino()) != (now.dev(), now.ino()) {
            return false;
        }
    }
    then.len() == now.len() && then.modified().ok() == now.modified().ok()
}
