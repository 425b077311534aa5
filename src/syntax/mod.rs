//! The only code that calls ruff: parsing Python text into an AST, and mapping
//! byte offsets to lines and columns for diagnostics and tracebacks.

pub mod dataclasses;
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
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let line_index = LineIndex::from_source_text(&text);
        let name = name.into();
        SourceFile { traceback_name: name.clone(), name, text, line_index }
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
        file
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

/// Parses a module and expands its dataclasses; on a syntax error (or a refused dataclass)
/// returns the diagnostics instead.
pub fn parse(file: &SourceFile) -> Result<ModModule, Vec<Diagnostic>> {
    match ruff_python_parser::parse_module(&file.text) {
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
