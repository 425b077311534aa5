//! User-facing diagnostics: one type, rendered rustc-style by annotate-snippets.
//!
//! A diagnostic is data, not an error: the front end collects them and keeps
//! going, and only `cli` decides to print them and exit.

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
}
