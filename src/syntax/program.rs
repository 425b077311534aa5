//! Programs of several files: finding the modules a script imports from its own directory,
//! and laying their texts one after another in one `SourceFile`.
//!
//! The script's directory is where CPython looks first (`sys.path[0]`), so `import helper`
//! finds `helper.py` or the package `helper/__init__.py` there.  Every module found is a
//! `Segment` of the one text: the front end, the MIR and codegen see one text with one set
//! of ranges and lines, and only diagnostics and tracebacks turn them back into a module's
//! file and line.  Each module is parsed on its own, from a copy of the whole text in which
//! every other module is blanked (each byte a space, line breaks kept), so its ranges are
//! those of the whole text without shifting any node.  What the imports mean is the
//! checker's business (`check::modules`); this file only finds the files.

use std::path::{Path, PathBuf};

use ruff_python_ast as ast;
use ruff_source_file::LineIndex;
use ruff_text_size::TextSize;

use crate::diagnostics::Diagnostic;
use crate::syntax::{SourceFile, Segment};

/// The standard modules the subset knows (`check::imports::Module`, and those it refuses by
/// name).  A file of the program named like one is never loaded: whether CPython imports it
/// or the standard module depends on what its start-up imported already, so the checker
/// refuses the program instead.
pub const STANDARD_MODULES: &[&str] = &[
    "__future__", "abc", "bisect", "collections", "dataclasses", "enum", "functools", "heapq", "itertools", "math", "random", "string", "sys", "time", "typing",
];

/// Reads the modules the script at `path` imports from its directory (transitively) and
/// returns the program as one `SourceFile`; a script that imports none is `SourceFile::script`.
pub fn load_script(path: &Path, text: String) -> Result<SourceFile, String> {
    let mut file = SourceFile::script(path, text);
    let root = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut found: Vec<Found> = Vec::new();
    let mut queue = vec![(String::from("__main__"), false, file.text.clone())];
    while let Some((module, is_package, text)) = queue.pop() {
        for name in imported_modules(&text, &module, is_package) {
            let top = name.split('.').next().unwrap_or(&name);
            if name == "__main__" || STANDARD_MODULES.contains(&top) || found.iter().any(|f| f.module == name) {
                continue;
            }
            let Some((file_path, is_package)) = find_module(&root, &name) else { continue };
            let text = std::fs::read_to_string(&file_path).map_err(|e| format!("cannot read {}: {e}", file_path.display()))?;
            queue.push((name.clone(), is_package, text.clone()));
            found.push(Found { module: name, path: file_path, is_package, text });
        }
    }
    file.root = Some(root.clone());
    if found.is_empty() {
        return Ok(file);
    }
    // CPython imports from the real path of the script's directory (`sys.path[0]`), so
    // tracebacks name modules by it.
    let real_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    let mut text = std::mem::take(&mut file.text);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    file.segments[0].end = TextSize::of(text.as_str());
    for f in found {
        let start = TextSize::of(text.as_str());
        let first_line = text.bytes().filter(|b| *b == b'\n').count() as u32 + 1;
        text.push_str(&f.text);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let relative = f.path.strip_prefix(&root).unwrap_or(&f.path);
        let traceback_name = real_root.join(relative).display().to_string();
        let name = if root == Path::new(".") { relative.display().to_string() } else { f.path.display().to_string() };
        file.segments.push(Segment {
            module: f.module,
            name,
            traceback_name,
            start,
            end: TextSize::of(text.as_str()),
            first_line,
            is_package: f.is_package,
        });
    }
    file.line_index = LineIndex::from_source_text(&text);
    file.text = text;
    Ok(file)
}

struct Found {
    module: String,
    path: PathBuf,
    is_package: bool,
    text: String,
}

/// The file of module `name` under `root`: `a/b.py` or the package `a/b/__init__.py`.
pub fn find_module(root: &Path, name: &str) -> Option<(PathBuf, bool)> {
    let mut path = root.to_path_buf();
    path.extend(name.split('.'));
    let package = path.join("__init__.py");
    if package.is_file() {
        return Some((package, true));
    }
    path.set_extension("py");
    path.is_file().then_some((path, false))
}

/// Whether `root` holds a module or package called `name` (a directory without
/// `__init__.py` counts: CPython would import it as a namespace package).
pub fn shadows(root: &Path, name: &str) -> bool {
    let dir = root.join(name);
    dir.is_dir() || root.join(format!("{name}.py")).is_file()
}

/// The absolute name of `from .rel import x` (level dots) in `module`.
pub fn resolve_relative(module: &str, is_package: bool, level: u32, rel: Option<&str>) -> Option<String> {
    let mut parts: Vec<&str> = if module == "__main__" { return None } else { module.split('.').collect() };
    if !is_package {
        parts.pop();
    }
    for _ in 1..level {
        parts.pop()?;
    }
    if parts.is_empty() {
        return None;
    }
    let mut name = parts.join(".");
    if let Some(rel) = rel {
        name.push('.');
        name.push_str(rel);
    }
    Some(name)
}

/// Every module a text's top-level imports may name, with the packages above them and the
/// names `from p import x` imports (which may be submodules): candidates, looked up on disk.
fn imported_modules(text: &str, module: &str, is_package: bool) -> Vec<String> {
    // Most scripts import standard modules only: they are not parsed twice. (A top-level
    // import starts its line; the first name after `import`/`from` is the module's.)
    let names_other = text.lines().any(|line| {
        let rest = line.strip_prefix("import ").or_else(|| line.strip_prefix("from "));
        rest.is_some_and(|r| {
            let top = r.trim_start().split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("");
            !STANDARD_MODULES.contains(&top)
        })
    });
    if !names_other {
        return Vec::new();
    }
    let Ok(parsed) = ruff_python_parser::parse_module(text) else { return Vec::new() };
    let mut names = Vec::new();
    let add = |dotted: &str, names: &mut Vec<String>| {
        let mut prefix = String::new();
        for part in dotted.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            names.push(prefix.clone());
        }
    };
    for stmt in &parsed.syntax().body {
        match stmt {
            ast::Stmt::Import(s) => {
                for alias in &s.names {
                    add(alias.name.id.as_str(), &mut names);
                }
            }
            ast::Stmt::ImportFrom(s) => {
                let base = if s.level > 0 {
                    resolve_relative(module, is_package, s.level, s.module.as_ref().map(|m| m.id.as_str()))
                } else {
                    s.module.as_ref().map(|m| m.id.to_string())
                };
                let Some(base) = base else { continue };
                add(&base, &mut names);
                for alias in &s.names {
                    names.push(format!("{base}.{}", alias.name.id));
                }
            }
            _ => {}
        }
    }
    names
}

/// Parses each module of a program (`SourceFile::segments`), with ranges in the whole text.
pub fn parse_modules(file: &SourceFile) -> Result<Vec<ast::ModModule>, Vec<Diagnostic>> {
    if file.segments.len() == 1 {
        return crate::syntax::parse(file).map(|m| vec![m]);
    }
    let mut modules = Vec::new();
    let mut diags = Vec::new();
    for seg in &file.segments {
        let (start, end) = (usize::from(seg.start), usize::from(seg.end));
        let mut text = blank(&file.text[..start]);
        text.push_str(&file.text[start..end]);
        match crate::syntax::parse_text(file, &text) {
            Ok(m) => modules.push(m),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() { Ok(modules) } else { Err(diags) }
}

/// `text` with every byte but line breaks made a space: blank lines, same offsets.
fn blank(text: &str) -> String {
    text.bytes().map(|b| if b == b'\n' || b == b'\r' { b as char } else { ' ' }).collect()
}
