//! The only code that calls ruff: parsing Python text into an AST, and mapping
//! byte offsets to lines and columns for diagnostics and tracebacks.

pub mod dataclasses;
pub mod program;
pub mod enums;
pub mod namedtuples;

use ruff_python_ast::ModModule;
use ruff_source_file::LineIndex;
use ruff_text_size::{TextRange, TextSize};

use crate::diagnostics::Diagnostic;

/// A Python source file as the user named it.
pub struct SourceFile {
    /// The path as given on the command line, as diagnostics print it.
    pub name: String,
    /// The name tracebacks print: CPython (3.9 and later) prints the main script's absolute
    /// path; hosts that compile text of their own keep `name`.
    pub traceback_name: String,
    pub text: String,
    line_index: LineIndex,
    /// The program's modules, in the order their texts follow one another in `text`: the
    /// main script first (`program.rs`).  A one-file program is one segment.
    pub segments: Vec<Segment>,
    /// The directory the program's own modules are imported from (the script's), when the
    /// text came from a file.
    pub root: Option<std::path::PathBuf>,
}

/// One module of a program: where its text is in `SourceFile::text` and what it is called.
/// Ranges and lines are those of the whole text, so the front end and the MIR see one
/// text; diagnostics and tracebacks turn them back into the module's own.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The module's name: `__main__` for the script, else its dotted name (`pkg.mod`).
    pub module: String,
    /// Its path as diagnostics print it, and as tracebacks print it.
    pub name: String,
    pub traceback_name: String,
    /// Its text: `text[start..end]`.
    pub start: TextSize,
    pub end: TextSize,
    /// The line of `text` its first line is (1-based).
    pub first_line: u32,
    /// A package's `__init__.py`.
    pub is_package: bool,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let line_index = LineIndex::from_source_text(&text);
        let name = name.into();
        let segment = Segment {
            module: "__main__".to_string(),
            name: name.clone(),
            traceback_name: name.clone(),
            start: TextSize::new(0),
            end: TextSize::of(text.as_str()),
            first_line: 1,
            is_package: false,
        };
        SourceFile { traceback_name: name.clone(), name, text, line_index, segments: vec![segment], root: None }
    }

    /// A script read from a path: tracebacks name it by its absolute path, as CPython does.
    pub fn script(path: &std::path::Path, text: impl Into<String>) -> SourceFile {
        let mut file = SourceFile::new(path.display().to_string(), text);
        // The working directory joined with the path as given (`/tmp/./prog.py` stays so),
        // as CPython's `_Py_abspath` makes it.
        if path.is_relative() {
            if let Ok(cwd) = std::env::current_dir() {
                file.traceback_name = cwd.join(path).display().to_string();
            }
        }
        file.segments[0].traceback_name = file.traceback_name.clone();
        file
    }

    /// The segment (module) holding a byte offset of `text`.
    pub fn segment_at(&self, offset: TextSize) -> &Segment {
        let idx = self.segments.partition_point(|s| s.start <= offset).saturating_sub(1);
        &self.segments[idx]
    }

    /// The index of the segment holding a line of `text`.
    pub fn segment_index_of_line(&self, line: u32) -> usize {
        self.segments.partition_point(|s| s.first_line <= line).saturating_sub(1)
    }

    /// Where a line of `text` is for a traceback: its module's file, and its line there.
    pub fn traceback_location(&self, line: u32) -> (&str, u32) {
        let seg = &self.segments[self.segment_index_of_line(line)];
        (&seg.traceback_name, line.saturating_sub(seg.first_line) + 1)
    }

    /// Where a byte offset of `text` is in its module's file: the segment, the 1-based line
    /// there and the 1-based column in characters (Unicode scalar values, as ruff's and
    /// rustc's machine-readable diagnostics count them).
    pub fn location(&self, offset: TextSize) -> (&Segment, u32, u32) {
        let mut offset = usize::from(offset).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let offset = TextSize::new(offset as u32);
        let seg = self.segment_at(offset);
        let at = self.line_index.line_column(offset, &self.text);
        let line = (at.line.get() as u32).saturating_sub(seg.first_line) + 1;
        (seg, line, at.column.get() as u32)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: TextSize) -> u32 {
        self.line_index.line_index(offset).get() as u32
    }

    /// The text of a 1-based line without its indentation or line break (what a traceback shows).
    pub fn line_text(&self, line: u32) -> &str {
        let Some(line) = ruff_source_file::OneIndexed::new(line as usize) else { return "" };
        if line.get() > self.line_index.line_count() {
            return "";
        }
        let range = self.line_index.line_range(line, &self.text);
        self.text[range].trim()
    }
}

/// Parses a one-module program and expands its dataclasses; on a syntax error (or a
/// refused dataclass) returns the diagnostics instead.
pub fn parse(file: &SourceFile) -> Result<ModModule, Vec<Diagnostic>> {
    parse_text(file, &file.text)
}

/// Parses `text`, which is `file.text` with everything outside one module blanked
/// (`program::parse_modules`), so that ranges are those of `file.text`.
pub(crate) fn parse_text(file: &SourceFile, text: &str) -> Result<ModModule, Vec<Diagnostic>> {
    match ruff_python_parser::parse_module(text) {
        Ok(parsed) => {
            let unsupported: Vec<Diagnostic> = parsed
                .unsupported_syntax_errors()
                .iter()
                .map(|err| {
                    Diagnostic::new("syntax-error", err.range, err.to_string())
                        .label("not valid Python 3.11")
                        .help("multigen accepts Python 3.11 syntax")
                })
                .collect();
            if !unsupported.is_empty() {
                return Err(unsupported);
            }
            let mut module = parsed.into_syntax();
            let mut refused = dataclasses::expand(&mut module, &file.text);
            refused.extend(enums::expand(&mut module));
            refused.extend(namedtuples::expand(&mut module, &file.text));
            if !refused.is_empty() {
                return Err(refused);
            }
            Ok(module)
        }
        Err(err) => Err(vec![Diagnostic::new("syntax-error", err.location, format!("invalid syntax: {}", err.error))
            .label("here")
            .help("this is not valid Python; CPython would refuse it too")]),
    }
}

/// A range covering `range`'s start only, for diagnostics about a keyword.
pub fn start_of(range: TextRange) -> TextRange {
    TextRange::empty(range.start())
}
