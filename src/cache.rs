//! The compile cache of `multigen run`: optimised LLVM bitcode, keyed by everything that
//! decides it, so an unchanged program skips parse, check, codegen and optimisation.
//!
//! An entry is `MGCACHE1`, the payload length, an FNV-1a checksum of the payload, then the
//! payload.  A read that finds anything else (a truncated or corrupt file, another format)
//! reports a miss, and the caller rebuilds and rewrites the entry; nothing unchecked is
//! ever handed to LLVM.  Entries are written to a temporary file and renamed into place,
//! so a crash mid-write leaves no partial entry under the final name.

use std::path::{Path, PathBuf};

use crate::codegen::runtime::{RUNTIME_ARCHIVE, RUNTIME_BITCODE};
use crate::codegen::target::OptLevel;

const MAGIC: &[u8; 8] = b"MGCACHE1";
const HEADER: usize = 24;

/// `$XDG_CACHE_HOME/multigen`, else `~/.cache/multigen`; `None` when neither is set.
pub fn dir() -> Option<PathBuf> {
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

/// The payload of a valid entry, or `None` (missing, truncated, corrupt).
pub fn read(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).ok()?;
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return None;
    }
    let len = u64::from_le_bytes(bytes[8..16].try_into().ok()?) as usize;
    let sum = u64::from_le_bytes(bytes[16..24].try_into().ok()?);
    let payload = &bytes[HEADER..];
    if payload.len() != len || fnv1a(payload, 0xcbf2_9ce4_8422_2325) != sum {
        return None;
    }
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
    if std::fs::write(&tmp, &bytes).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Removes the cache directory; returns how many entries it held.
pub fn clean(dir: &Path) -> std::io::Result<usize> {
    let n = match std::fs::read_dir(dir) {
        Ok(entries) => entries.count(),
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
