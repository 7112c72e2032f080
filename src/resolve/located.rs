//! What every kind shares: diagnostics at the place a value was written, and
//! the check of a topic key.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::markdown::MathProblem;
use crate::model::config::Config;
use crate::text::closest;

pub(super) fn at<T>(path: &Path, s: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(path, s.referenced.line(), s.referenced.column(), message)
}

pub(super) fn position<T>(s: &Spanned<T>) -> (u64, u64) {
    (s.referenced.line(), s.referenced.column())
}

pub(super) fn report_math(
    path: &Path,
    field: &str,
    (line, column): (u64, u64),
    problems: Vec<MathProblem>,
    diags: &mut Vec<Diagnostic>,
) {
    for p in problems {
        diags.push(
            Diagnostic::warning(
                path,
                line,
                column,
                format!("{field}: TeX `{}` cannot be rendered: {}", p.tex, p.message),
            )
            .with_hint(p.hint),
        );
    }
}

pub(super) fn check_topic(
    config: &Config,
    path: &Path,
    key: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if config.topics.contains_key(&key.value) {
        return true;
    }
    let hint = match closest(&key.value, config.topics.keys().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "add it under `topics:` in site.yaml".to_string(),
    };
    diags.push(at(path, key, format!("unknown topic `{}`", key.value)).with_hint(hint));
    false
}
