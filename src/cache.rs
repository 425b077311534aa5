//! The compile cache of `multigen run`: optimised LLVM bitcode, keyed by everything that
//! decides it, so an unchanged program skips parse, check, codegen and optimisation.
//!
//! An entry is `MGCACHE1`, the payload length, an FNV-1a checksum of the payload, then the
//! payload.  A read that finds anything else (a truncated or corrupt file, another format)
//! reports a miss, and the caller rebuilds and rewrites the entry; nothing unchecked is
//! ever handed to LLVM.  Entries are written to a temporary file and renamed into place,
//! so a crash mid-write leaves no partial entry under the final name.
//!
//! The cache is bounded as ccache bounds its own: `MULTIGEN_CACHE_SIZE` (default 1 GiB, `0`
//! turns caching off) caps the bytes its entries take, and the least recently used go
//! first.  A hit sets the entry's modification time to now, so modification times order
//! entries by last use.  Nothing scans the directory on a hit or a miss: the file `size`
//! counts the bytes written (updated under a lock on it after each write), and only a write
//! that takes the count past the limit lists the directory, deletes the oldest entries until
//! the rest take at most 90% of the limit, and stores the true total.  A missing or
//! unreadable count is rebuilt by listing the directory once.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::codegen::runtime::{RUNTIME_ARCHIVE, RUNTIME_BITCODE};
use crate::codegen::target::OptLevel;

const MAGIC: &[u8; 8] = b"MGCACHE1";
const HEADER: usize = 24;

/// The environment variable that bounds the cache's size.
pub const SIZE_VAR: &str = "MULTIGEN_CACHE_SIZE";

/// The size limit when `MULTIGEN_CACHE_SIZE` is not set: 1 GiB, as ccache's 5 GB is for C.
pub const DEFAULT_SIZE_LIMIT: u64 = 1 << 30;

/// The file that counts the bytes of the entries (and whose lock serialises its updates).
const SIZE_FILE: &str = "size";

/// The directory to use: `location()`, unless `MULTIGEN_CACHE_SIZE` is `0` (caching off) or
/// malformed (the command line reports it first, see `size_limit`; a host of the executor
/// API then compiles without the cache).
pub fn dir() -> Option<PathBuf> {
    match size_limit() {
        Ok(0) | Err(_) => None,
        Ok(_) => location(),
    }
}

/// The size limit in bytes: `MULTIGEN_CACHE_SIZE` (`parse_size`), else `DEFAULT_SIZE_LIMIT`.
pub fn size_limit() -> Result<u64, String> {
    match std::env::var(SIZE_VAR) {
        Ok(text) if !text.trim().is_empty() => parse_size(&text).ok_or_else(|| format!("{SIZE_VAR} must be a size such as 500M, 2G or a number of bytes, not {text:?}")),
        _ => Ok(DEFAULT_SIZE_LIMIT),
    }
}

/// A number of bytes, optionally with a fraction and a unit `K`, `M`, `G` or `T` (powers of
/// 1024; `KB`, `KiB` and lower case mean the same), as `du -h` and `sort -h` read them.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = (&text[..split], text[split..].trim());
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return None,
    };
    if let Ok(n) = number.parse::<u64>() {
        return n.checked_mul(1 << shift);
    }
    let n: f64 = number.parse().ok()?;
    let bytes = (n * (1u64 << shift) as f64).round();
    (n.is_finite() && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// `$XDG_CACHE_HOME/multigen`, else `~/.cache/multigen`; `None` when neither is set.
pub fn location() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg).join("multigen"));
    }
    std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|home| PathBuf::from(home).join(".cache").join("multigen"))
}

/// The entry path for a program: its text and name (tracebacks print the name), the
/// optimisation level, and this compiler's version, build and runtime.
pub fn entry_path(dir: &Path, file_name: &str, source: &str, opt: OptLevel) -> PathBuf {
    let mut key = Vec::new();
    let build = build_identity();
    for part in [env!("CARGO_PKG_VERSION").as_bytes(), &build, file_name.as_bytes(), source.as_bytes(), format!("{opt:?}").as_bytes(), RUNTIME_BITCODE] {
        key.extend_from_slice(&(part.len() as u64).to_le_bytes());
        key.extend_from_slice(part);
    }
    let (a, b) = (fnv1a(&key, 0xcbf2_9ce4_8422_2325), fnv1a(&key, 0x8422_2325_cbf2_9ce4));
    dir.join(format!("{a:016x}{b:016x}.bc"))
}

/// The entry path for the object code of a codegen unit of `multigen build`: its LLVM
/// module before optimisation (which names everything it calls and holds every constant,
/// file name and line it prints), the optimisation level, and this compiler's build.
pub fn object_path(dir: &Path, module_text: &[u8], opt: OptLevel) -> PathBuf {
    let mut key = Vec::new();
    let build = build_identity();
    for part in [env!("CARGO_PKG_VERSION").as_bytes(), &build, b"object", module_text, format!("{opt:?}").as_bytes(), RUNTIME_BITCODE] {
        key.extend_from_slice(&(part.len() as u64).to_le_bytes());
        key.extend_from_slice(part);
    }
    let (a, b) = (fnv1a(&key, 0xcbf2_9ce4_8422_2325), fnv1a(&key, 0x8422_2325_cbf2_9ce4));
    dir.join(format!("{a:016x}{b:016x}.o"))
}

/// This build of multigen.  Cached code depends on the checker, codegen and the whole
/// runtime (it calls the cold runtime functions by name), and a rebuild that changes them
/// need not change the version or the hot bitcode; the executable's size and modification
/// time tell builds apart without reading it.
fn build_identity() -> Vec<u8> {
    let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) else { return RUNTIME_ARCHIVE.to_vec() };
    let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    format!("{} {mtime}", meta.len()).into_bytes()
}

/// The payload of a valid entry, or `None` (missing, truncated, corrupt).  A valid entry
/// is marked as just used (its modification time), which keeps it from eviction longest.
pub fn read(path: &Path) -> Option<Vec<u8>> {
    let mut entry = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).ok()?;
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return None;
    }
    let len = u64::from_le_bytes(bytes[8..16].try_into().ok()?) as usize;
    let sum = u64::from_le_bytes(bytes[16..24].try_into().ok()?);
    let payload = &bytes[HEADER..];
    if payload.len() != len || fnv1a(payload, 0xcbf2_9ce4_8422_2325) != sum {
        return None;
    }
    // The owner may set the time through a file opened to read; failing only loses recency.
    let _ = entry.set_modified(SystemTime::now());
    Some(payload.to_vec())
}

/// Stores `payload`; failures are ignored (a cache that cannot be written is only slower).
pub fn write(path: &Path, payload: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&fnv1a(payload, 0xcbf2_9ce4_8422_2325).to_le_bytes());
    bytes.extend_from_slice(payload);
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, &bytes).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    // An entry rewritten in place (it was damaged, or another process wrote it meanwhile)
    // replaces the bytes it had.
    let replaced = std::fs::metadata(path).map_or(0, |m| m.len());
    if std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    account(dir, bytes.len() as i64 - replaced as i64);
}

/// Adds `added` bytes to the count in `SIZE_FILE`, under its lock; past the limit, evicts.
fn account(dir: &Path, added: i64) {
    let Ok(limit) = size_limit() else { return };
    let Ok(mut counter) = std::fs::File::options().read(true).write(true).create(true).truncate(false).open(dir.join(SIZE_FILE)) else { return };
    if counter.lock().is_err() {
        return;
    }
    let mut text = String::new();
    let counted = counter.read_to_string(&mut text).ok().and_then(|_| text.trim().parse::<u64>().ok());
    let mut total = match counted {
        Some(n) => n.saturating_add_signed(added),
        // No count yet (a new cache, or one from before the limit): what is there, this entry included.
        None => entries(dir).iter().map(|e| e.len).sum(),
    };
    if total > limit {
        total = evict(dir, limit / 10 * 9);
    }
    let _ = counter.set_len(0).and_then(|()| counter.rewind()).and_then(|()| counter.write_all(format!("{total}\n").as_bytes()));
}

/// A file of the cache directory other than the count: an entry, or a temporary file a
/// writer left behind (which eviction removes as it does any old entry).
struct Entry {
    path: PathBuf,
    len: u64,
    used: SystemTime,
}

fn entries(dir: &Path) -> Vec<Entry> {
    let Ok(listing) = std::fs::read_dir(dir) else { return Vec::new() };
    listing
        .flatten()
        .filter(|e| e.file_name() != SIZE_FILE)
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
            Some(Entry { path: e.path(), len: meta.len(), used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH) })
        })
        .collect()
}

/// Deletes the least recently used entries until the rest take at most `target` bytes;
/// returns what they take.
fn evict(dir: &Path, target: u64) -> u64 {
    let mut entries = entries(dir);
    entries.sort_by_key(|e| e.used);
    let mut total: u64 = entries.iter().map(|e| e.len).sum();
    for entry in entries {
        if total <= target {
            break;
        }
        if std::fs::remove_file(&entry.path).is_ok() {
            total -= entry.len;
        }
    }
    total
}

/// Removes the cache directory; returns how many entries it held.
pub fn clean(dir: &Path) -> std::io::Result<usize> {
    let n = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().filter(|e| e.file_name() != SIZE_FILE).count(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(err) => return Err(err),
    };
    std::fs::remove_dir_all(dir)?;
    Ok(n)
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("0"), Some(0));
        assert_eq!(parse_size("12345"), Some(12345));
        assert_eq!(parse_size("500M"), Some(500 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("1.5g"), Some(3 << 29));
        assert_eq!(parse_size("64KiB"), Some(64 << 10));
        assert_eq!(parse_size(" 1 TB "), Some(1 << 40));
        for bad in ["", "G", "-1", "1X", "1.2.3M", "99999999999T"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }
}
