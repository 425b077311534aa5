//! User-facing diagnostics: one type, rendered rustc-style by annotate-snippets.
//!
//! A diagnostic is data, not an error: the front end collects them and keeps
//! going, and only `cli` decides to print them and exit.  Besides the rendering for
//! people, `to_json` and `to_github` write the machine-readable forms editors and CI read
//! (`--output-format json|github`, as ruff and rustc offer).

use ruff_text_size::TextRange;

use crate::syntax::SourceFile;

/// One problem in the user's program, pointing at the narrowest span we know.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Kebab-case name of the problem (`unsupported-syntax`, `type-mismatch`).
    pub code: &'static str,
    pub message: String,
    pub range: TextRange,
    /// Short text under the caret.
    pub label: String,
    /// What to write instead.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, range: TextRange, message: impl Into<String>) -> Diagnostic {
        Diagnostic { code, message: message.into(), range, label: String::new(), help: None }
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Renders `error[code]: message`, `--> file:line:col`, the source line with a caret and `= help:`.
    pub fn render(&self, file: &SourceFile, color: bool) -> String {
        use annotate_snippets::{Level, Renderer, Snippet};
        // The module the range is in: its own text, with the range made relative to it.
        let seg = file.segment_at(self.range.start());
        let (seg_start, seg_end) = (usize::from(seg.start), usize::from(seg.end).min(file.text.len()));
        let source = &file.text[seg_start..seg_end];
        let start = usize::from(self.range.start()).saturating_sub(seg_start).min(source.len());
        let mut end = usize::from(self.range.end()).saturating_sub(seg_start).clamp(start, source.len());
        // Keep the caret on the first line: a multi-line span draws a tall box that hides the point.
        if let Some(newline) = source[start..end].find('\n') {
            end = start + newline;
        }
        if end == start && end < source.len() && !source[end..].starts_with('\n') {
            end = start + source[start..].chars().next().map_or(1, char::len_utf8);
        }
        let title = format!("{} [{}]", self.message, self.code);
        let help = self.help.as_deref().map(|h| Level::Help.title(h));
        let mut message = Level::Error.title(&title).snippet(
            Snippet::source(source)
                .origin(&seg.name)
                .line_start(1)
                .fold(true)
                .annotation(Level::Error.span(start..end).label(&self.label)),
        );
        if let Some(help) = help {
            message = message.footer(help);
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        format!("{}\n", renderer.render(message))
    }

    /// One line of JSON (JSON Lines, as rustc's `--error-format=json` writes them): `code`,
    /// `message`, `file`, `line`, `column`, `end_line`, `end_column` (the position after the
    /// range, as ruff's `end_location`), `help` (or null) and `label`.  Lines are those of
    /// the module's own file; columns are 1-based and count characters.
    pub fn to_json(&self, file: &SourceFile) -> String {
        let (seg, line, column) = file.location(self.range.start());
        let (_, end_line, end_column) = file.location(self.range.end());
        let value = serde_json::json!({
            "code": self.code,
            "message": self.message,
            "file": seg.name,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "help": self.help,
            "label": self.label,
        });
        value.to_string()
    }

    /// A GitHub Actions workflow command (`::error file=..,line=..::message`) that annotates
    /// the range in a pull request; the help follows the message on a line of its own.
    /// Escaped as GitHub's toolkit does (`escapeData`, `escapeProperty`).
    pub fn to_github(&self, file: &SourceFile) -> String {
        let (seg, line, column) = file.location(self.range.start());
        let (_, end_line, end_column) = file.location(self.range.end());
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        format!(
            "::error file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}",
            github_escape(&seg.name, true),
            github_escape(self.code, true),
            github_escape(&message, false)
        )
    }
}

/// `%`, carriage returns and line feeds as `%25`, `%0D`, `%0A`; in a property also `:` and `,`.
fn github_escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            _ => out.push(ch),
        }
    }
    out
}
