//! The library's error type and the `Diagnostic` that every input problem becomes.
//!
//! Input problems are collected, not thrown: a build gathers every diagnostic of every
//! file and fails once with all of them, so a user fixes a whole batch per run.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors stop the build, warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the site's input, located as precisely as the parser allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site folder when it lies inside it.
    pub path: PathBuf,
    /// 1-based line and column; 0 when the problem concerns the whole file.
    pub line: u64,
    pub column: u64,
    pub message: String,
    /// A suggestion that helps fix it ("did you mean `venue`?").
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a position in a file.
    pub fn error(path: &Path, line: u64, column: u64, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a position in a file.
    pub fn warning(path: &Path, line: u64, column: u64, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    /// Adds a hint to the diagnostic.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths, messages and hints quote the input: shown through `terminal_safe`,
        // and with every line after the first indented, so that no value can
        // pass for a line of folio's own.
        let path = self.path.display().to_string();
        write!(f, "{}", terminal_safe(&path).replace('\n', "\\n"))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let indented = |text: &str| terminal_safe(text).replace('\n', "\n    ");
        write!(f, ": {kind}: {}", indented(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", indented(hint))?;
        }
        Ok(())
    }
}

use crate::escape::terminal as terminal_safe;

/// A writer (stderr) that passes everything written through `terminal_safe`,
/// so that no message, whatever its source, reaches the terminal raw.
#[derive(Debug)]
pub struct TerminalSafe<W>(pub W);

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(terminal_safe(text).as_bytes())?,
            // A character split between two writes: its bytes are not controls,
            // so only the ASCII ones need escaping.
            Err(_) => {
                for &b in buf {
                    if b < 0x20 && b != b'\n' || b == 0x7f {
                        write!(self.0, "\\u{{{b:x}}}")?;
                    } else {
                        self.0.write_all(&[b])?;
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Everything that can make a folio operation fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's input has problems; every one found is listed.
    #[error("{}", render_input_errors(.0))]
    Input(Vec<Diagnostic>),
    /// Reading or writing a file failed; the path says which.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A template failed to parse or render.
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// `folio import` could not take its input, or skipped some entries of it.
    #[error("{}: {message}", input.display())]
    Import { input: PathBuf, message: String },
    /// `folio init` found files it would overwrite; nothing was written.
    #[error("folio init never overwrites a file, and these exist: {}", .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    WouldOverwrite(Vec<PathBuf>),
    /// `folio new` wrote nothing: the file exists, the folder is not a site, or
    /// no file name can be made from the title or name.
    #[error("folio new: {0}")]
    New(String),
    /// `folio check` found errors; they are listed above this summary line.
    #[error(
        "folio check: {errors} error{}, {warnings} warning{}",
        if *errors == 1 { "" } else { "s" },
        if *warnings == 1 { "" } else { "s" }
    )]
    Check { errors: usize, warnings: usize },
    /// The output directory is not one folio may replace.
    #[error("refusing to use {} as the output directory: {reason}", path.display())]
    UnsafeOutput { path: PathBuf, reason: String },
    /// A file folio was to write, or a folder on its way, is a symbolic link.
    #[error("{}: is a symbolic link, and folio never writes through one; hint: remove the link, or write elsewhere", .0.display())]
    Symlink(PathBuf),
    /// `folio deploy` refused or failed; nothing was pushed.
    #[error("folio deploy: {0}")]
    Deploy(String),
    /// `folio update` could not start or finish (not a site, bad settings).
    #[error("folio update: {0}")]
    Update(String),
    /// `folio update`: a source of metrics is down, over budget, or answered
    /// what folio cannot read; nothing was written. Exit code 3.
    #[error("folio update: {0}")]
    SourceFailed(String),
}

impl Error {
    /// The process exit code for this error: 3 when a metrics source failed
    /// (so that a scheduled job can tell "try later" from "fix the site"), 1
    /// otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::SourceFailed(_) => 3,
            _ => 1,
        }
    }
}

fn render_input_errors(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let plural = if errors == 1 { "" } else { "s" };
    out.push_str(&format!(
        "build failed: {errors} error{plural} in the site's input"
    ));
    out
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Attaches a path to an I/O error, because a bare `io::Error` does not say which file.
pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_reads_path_line_column_message_and_hint() {
        let d = Diagnostic::error(Path::new("papers/a.yaml"), 3, 1, "unknown field `venu`")
            .with_hint("did you mean `venue`?");
        assert_eq!(
            d.to_string(),
            "papers/a.yaml:3:1: error: unknown field `venu`\n  hint: did you mean `venue`?"
        );
    }

    // An ESC sequence in a YAML value could retitle the terminal or fake a line.
    #[test]
    fn control_characters_are_escaped_in_messages() {
        let d = Diagnostic::error(
            Path::new("papers/\x1b[2Ja.yaml"),
            2,
            8,
            "links.pdf: `\x1b]0;pwned\x07` is not allowed\nfolio: built 1 page",
        )
        .with_hint("\r\u{9b}x");
        assert_eq!(
            d.to_string(),
            "papers/\\u{1b}[2Ja.yaml:2:8: error: links.pdf: `\\u{1b}]0;pwned\\u{7}` is not allowed\n    folio: built 1 page\n  hint: \\u{d}\\u{9b}x"
        );
        let mut out = TerminalSafe(Vec::new());
        std::io::Write::write_all(&mut out, "a\x1b[31mb\n\u{9b}".as_bytes()).unwrap();
        assert_eq!(String::from_utf8(out.0).unwrap(), "a\\u{1b}[31mb\n\\u{9b}");
    }

    #[test]
    fn whole_file_diagnostic_has_no_position() {
        let d = Diagnostic::warning(Path::new("site.yaml"), 0, 0, "empty");
        assert_eq!(d.to_string(), "site.yaml: warning: empty");
    }
}
