//! Markdown and TeX to HTML. Maths becomes MathML at build time, code blocks
//! are highlighted (`highlight`), footnotes and `[@slug]` citations are
//! numbered at the end (`notes`), raw HTML is shown as text (never passed
//! through), and only safe link schemes survive.

mod highlight;
mod mathml;
mod notes;
mod site;
mod urls;

pub use notes::{AuthorYear, Cited, Words};
pub use site::{SiteOptions, raw_html_offsets};
use urls::with_safe_url;
pub use urls::{BodyImage, site_file};

use std::sync::LazyLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark::{Event, Options as ParseOptions, Parser, Tag, TagEnd};

use crate::escape::html as escape_html;

/// A TeX fragment that could not be converted; it is shown as its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MathProblem {
    pub tex: String,
    pub message: String,
    /// What the author can do about it.
    pub hint: &'static str,
}

static MATH: LazyLock<Option<LatexToMathML>> =
    LazyLock::new(|| LatexToMathML::new(MathCoreConfig::default()).ok());

/// The most TeX nesting (see [`nesting`]) converted to MathML. math-core parses
/// and emits recursively, about 26 KB of stack per level in a debug build and
/// 2 KB in a release build, so deeper TeX would overflow the stack and abort.
pub const MAX_TEX_NESTING: usize = 1000;

/// TeX nested at most this deep is converted on the calling thread (a rayon
/// worker has 2 MiB of stack); deeper TeX on a thread with [`MATH_STACK`].
const SMALL_TEX_NESTING: usize = 16;

/// The stack of the thread that converts deep TeX: room for [`MAX_TEX_NESTING`]
/// levels in a debug build, twice over. Only the pages touched are allocated.
const MATH_STACK: usize = 64 << 20;

/// An upper bound on how deep math-core recurses on `tex`: open groups (`{`,
/// `\left`, `\begin`) plus, in each open group, the commands, `^` and `_` so
/// far (a command may take the next command as its argument: `\frac1\frac1…`).
/// A `^` or `_` whose argument is a group or a plain character ends with it, so
/// `a_{11} & a_{12} & …` in a large matrix does not add up.
pub fn nesting(tex: &str) -> usize {
    let b = tex.as_bytes();
    // Commands counted in each open group, and their sum.
    let mut groups: Vec<usize> = vec![0];
    let mut commands = 0;
    let mut deepest = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        let opens = match c {
            b'{' => Some(true),
            b'}' => Some(false),
            b'^' | b'_' => match b[i..].iter().find(|c| !c.is_ascii_whitespace()) {
                Some(b'{') => {
                    // The script's frame lives as long as its group.
                    i += b[i..].iter().position(|&c| c == b'{').unwrap_or(0) + 1;
                    groups.push(1);
                    commands += 1;
                    deepest = deepest.max(groups.len() - 1 + commands);
                    continue;
                }
                Some(c) if !matches!(c, b'\\' | b'^' | b'_' | b'}') => {
                    deepest = deepest.max(groups.len() + commands);
                    continue;
                }
                _ => None,
            },
            b'\\' => {
                let start = i;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                match &tex[start..i] {
                    // A control symbol such as `\{` or `\,`.
                    "" => {
                        i += 1;
                        continue;
                    }
                    "left" | "begin" => Some(true),
                    "right" | "end" => Some(false),
                    _ => None,
                }
            }
            _ => continue,
        };
        match opens {
            Some(true) => groups.push(0),
            Some(false) if groups.len() > 1 => commands -= groups.pop().unwrap_or(0),
            Some(false) => {}
            None => {
                commands += 1;
                *groups.last_mut().unwrap_or(&mut 0) += 1;
            }
        }
        deepest = deepest.max(groups.len() - 1 + commands);
    }
    deepest
}

/// Converts TeX to MathML, or says why it cannot.
fn to_mathml(tex: &str, mode: MathDisplay) -> Result<String, (String, &'static str)> {
    let conv = MATH
        .as_ref()
        .ok_or(("the maths converter failed to start".to_string(), CHECK_TEX))?;
    let run = || {
        conv.convert_with_local_state(tex, mode)
            .map(|r| mathml::displaystyle_on_mstyle(r.mathml))
            .map_err(|e| (e.error_message(), CHECK_TEX))
    };
    let depth = nesting(tex);
    if depth <= SMALL_TEX_NESTING {
        return run();
    }
    if depth > MAX_TEX_NESTING {
        return Err((
            format!(
                "it is nested too deeply ({depth} levels of braces, `\\left`, environments and commands; at most {MAX_TEX_NESTING})"
            ),
            "it is shown as source text; split the formula or remove levels of braces",
        ));
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("folio-maths".into())
            .stack_size(MATH_STACK)
            .spawn_scoped(scope, run)
            .map_err(|e| (format!("no thread to convert it: {e}"), CHECK_TEX))?
            .join()
            .unwrap_or_else(|_| Err(("the maths converter failed".to_string(), CHECK_TEX)))
    })
}

const CHECK_TEX: &str = "it is shown as source text; check the command name";

/// A long TeX fragment cut for a message.
fn shorten(tex: &str) -> String {
    match tex.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &tex[..i]),
        None => tex.to_string(),
    }
}

/// Converts TeX to MathML, or falls back to the escaped source.
fn math(tex: &str, display: bool, problems: &mut Vec<MathProblem>) -> String {
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    match to_mathml(tex, mode) {
        Ok(mathml) => mathml,
        Err((message, hint)) => {
            problems.push(MathProblem {
                tex: shorten(tex),
                message,
                hint,
            });
            let delim = if display { "$$" } else { "$" };
            format!(
                "<code class=\"tex\">{}</code>",
                escape_html(&format!("{delim}{tex}{delim}"))
            )
        }
    }
}

/// Renders Markdown (with `$...$` and `$$...$$`) to HTML. Links that start with `/`
/// are prefixed with the base path; raw HTML passes only where the site says
/// (`Config::markdown`; a bare base path keeps it as text).
pub fn render<'a>(
    markdown: &str,
    site: impl Into<SiteOptions<'a>>,
    problems: &mut Vec<MathProblem>,
) -> String {
    let site = site.into();
    let opts = Options {
        base_path: site.base_path,
        words: Words::default(),
        cite: None,
        id_prefix: "",
        raw_html: site.raw_html,
    };
    render_with(markdown, &opts, problems).html
}

/// How to render a text: where the site lives, the words of its end matter,
/// and, where `[@slug]` cites the site's papers, how to find them.
pub struct Options<'a> {
    pub base_path: &'a str,
    pub words: Words<'a>,
    /// The paper of a slug, or `None` for an unknown one. Without it, `[@x]`
    /// is plain text.
    pub cite: Option<&'a Citer<'a>>,
    /// Put before every id the text's notes and references make (`fn-1`),
    /// so that texts shown together on one page keep them apart (`news-x-`);
    /// empty for a page's own body.
    pub id_prefix: &'a str,
    /// Raw HTML passes through as HTML (`markdown.raw_html: true`, a trusted
    /// site); otherwise it is shown as text.
    pub raw_html: bool,
}

/// The paper a `[@slug]` names, or `None` for an unknown slug.
pub type Citer<'a> = dyn Fn(&str) -> Option<Cited> + 'a;

/// A rendered text, the citations in it that name no paper, and its
/// pictures that name a file of the site.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub unknown_citations: Vec<UnknownCitation>,
    pub images: Vec<BodyImage>,
}

/// `[@slug]` where no paper has that slug: the slug and its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCitation {
    pub slug: String,
    pub offset: usize,
}

/// The link target that marks a citation while the text is parsed.
const CITATION: &str = "folio-citation:";

/// Renders Markdown to HTML: maths as MathML, code blocks highlighted, tables
/// in a scrollable region with column headers, footnotes and (with
/// `opts.cite`) cited papers numbered at the end.
pub fn render_with(markdown: &str, opts: &Options, problems: &mut Vec<MathProblem>) -> Rendered {
    let options = pulldown_cmark::Options::ENABLE_MATH
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_FOOTNOTES;
    let citing = opts.cite.is_some();
    let mut marks = |link: pulldown_cmark::BrokenLink<'_>| {
        (citing && notes::citation_keys(&link.reference).is_some())
            .then(|| (format!("{CITATION}{}", link.reference).into(), "".into()))
    };
    let parser = Parser::new_with_broken_link_callback(markdown, options, Some(&mut marks))
        .into_offset_iter();
    let mut out = Rendered::default();
    let mut citations = notes::Citations::new(opts.id_prefix);
    // For each open link or image: was it dropped because its target is unsafe?
    let mut dropped: Vec<bool> = Vec::new();
    let mut in_citation = false;
    let mut code: Option<(String, String)> = None;
    let mut table = Table::default();
    // Footnote definitions, kept aside; `None` while in the text.
    let mut defs: Vec<(String, Vec<Event>)> = Vec::new();
    let mut in_def = false;
    let mut events = Vec::new();
    for (event, range) in parser {
        if in_citation {
            in_citation = !matches!(event, Event::End(TagEnd::Link));
            continue;
        }
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (info, text) = code.take().unwrap_or_default();
                    events.push(Event::Html(code_block(&info, &text).into()));
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::InlineMath(tex) => Event::InlineHtml(math(&tex, false, problems).into()),
            Event::DisplayMath(tex) => {
                Event::Html(display_math(&math(&tex, true, problems), &opts.words).into())
            }
            Event::Html(html) if opts.raw_html => Event::Html(html),
            Event::InlineHtml(html) if opts.raw_html => Event::InlineHtml(html),
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITATION) => {
                in_citation = true;
                let cite = opts.cite.unwrap_or(&|_| None);
                let html = cite_group(
                    &dest_url[CITATION.len()..],
                    &markdown[range.clone()],
                    range.start,
                    cite,
                    &mut citations,
                    &mut out.unknown_citations,
                );
                Event::InlineHtml(html.into())
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                if let Tag::Image { dest_url, .. } = &tag
                    && let Some(rel) = site_file(dest_url)
                {
                    out.images.push(BodyImage {
                        rel,
                        offset: range.start,
                    });
                }
                match with_safe_url(tag, opts.base_path) {
                    Some(tag) => {
                        dropped.push(false);
                        Event::Start(tag)
                    }
                    None => {
                        dropped.push(true);
                        continue;
                    }
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if dropped.pop().unwrap_or(false) {
                    continue;
                }
                event
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defs.push((label.to_string(), Vec::new()));
                in_def = true;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_def = false;
                continue;
            }
            other => match table.event(other, &opts.words) {
                Some(e) => e,
                None => continue,
            },
        };
        match defs.last_mut() {
            Some((_, def)) if in_def => def.push(event),
            _ => events.push(event),
        }
    }
    let mut notes = notes::Notes::new(opts.id_prefix);
    let defined = |label: &str| defs.iter().any(|(l, _)| l == label);
    let mut html = String::with_capacity(markdown.len() * 2);
    let text = resolve_notes(events, &mut notes, &defined);
    pulldown_cmark::html::push_html(&mut html, text.into_iter());
    html.push_str(&citations.section(&opts.words));
    // Notes may refer to further notes; each definition is rendered once.
    let mut rendered: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while let Some(label) = notes.label(i) {
        let body = defs
            .iter()
            .find(|(l, _)| l == &label)
            .map(|(_, e)| e.clone())
            .unwrap_or_default();
        let mut note = String::new();
        pulldown_cmark::html::push_html(
            &mut note,
            resolve_notes(body, &mut notes, &defined).into_iter(),
        );
        rendered.push((label, note));
        i += 1;
    }
    html.push_str(&notes.section(&opts.words, |label| {
        rendered
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    }));
    out.html = html;
    out
}

/// Footnote references made links to their notes; a reference to a note that
/// is not defined stays as text.
fn resolve_notes<'a>(
    events: Vec<Event<'a>>,
    notes: &mut notes::Notes,
    defined: &dyn Fn(&str) -> bool,
) -> Vec<Event<'a>> {
    events
        .into_iter()
        .map(|e| match e {
            Event::FootnoteReference(label) if defined(&label) => {
                Event::InlineHtml(notes.reference(&label).into())
            }
            Event::FootnoteReference(label) => Event::Text(format!("[^{label}]").into()),
            other => other,
        })
        .collect()
}

/// One citation `[@a; @b]` as numbered links; unknown slugs are reported and
/// shown as written.
fn cite_group(
    label: &str,
    source: &str,
    start: usize,
    cite: &dyn Fn(&str) -> Option<Cited>,
    citations: &mut notes::Citations,
    unknown: &mut Vec<UnknownCitation>,
) -> String {
    let keys = notes::citation_keys(label).unwrap_or_default();
    let mut known = Vec::new();
    for key in keys {
        match cite(key) {
            Some(c) => known.push((key.to_string(), c)),
            None => unknown.push(UnknownCitation {
                slug: key.to_string(),
                offset: start + key_offset(source, key),
            }),
        }
    }
    if known.is_empty() {
        return escape_html(source);
    }
    citations.cite(known)
}

/// Where `@key` stands in a citation's source (`@a` in `[@ab; @a]` is the
/// second one): the offset of its `@`.
fn key_offset(source: &str, key: &str) -> usize {
    let needle = format!("@{key}");
    source
        .match_indices(&needle)
        .map(|(i, _)| i)
        .find(|&i| {
            source[i + needle.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
        })
        .unwrap_or(0)
}

/// Display maths in a box of its own that scrolls sideways when the formula
/// is wider than the page, and takes the focus so that a keyboard can scroll
/// it too (axe's scrollable-region-focusable), named like a table's region.
/// A `span`, as `$$…$$` may stand inside a paragraph.
fn display_math(html: &str, words: &Words) -> String {
    let label = if words.equation.is_empty() {
        String::new()
    } else {
        format!(
            " role=\"region\" aria-label=\"{}\"",
            escape_html(words.equation)
        )
    };
    format!("<span class=\"math-display\" tabindex=\"0\"{label}>{html}</span>")
}

/// A code block: highlighted when its language is known, else escaped text.
fn code_block(info: &str, text: &str) -> String {
    let lang = highlight::language(info);
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_html(lang))
    };
    let body = highlight::highlight(text, lang).unwrap_or_else(|| escape_html(text));
    format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{body}</code></pre>\n")
}

/// Tables with column headers (`scope="col"`), alignment as classes, in a
/// region that scrolls sideways on a narrow screen and can take the focus.
#[derive(Default)]
struct Table {
    aligns: Vec<pulldown_cmark::Alignment>,
    column: usize,
    in_head: bool,
    body_open: bool,
}

impl Table {
    /// The event as it goes out: table events become HTML.
    fn event<'a>(&mut self, event: Event<'a>, words: &Words) -> Option<Event<'a>> {
        let html = match event {
            Event::Start(Tag::Table(aligns)) => {
                self.aligns = aligns;
                self.body_open = false;
                let label = if words.table.is_empty() {
                    String::new()
                } else {
                    format!(
                        " role=\"region\" aria-label=\"{}\"",
                        escape_html(words.table)
                    )
                };
                format!("<div class=\"table-wrap\" tabindex=\"0\"{label}>\n<table>\n")
            }
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.column = 0;
                "<thead>\n<tr>".into()
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                "</tr>\n</thead>\n".into()
            }
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                let open = if self.body_open { "" } else { "<tbody>\n" };
                self.body_open = true;
                format!("{open}<tr>")
            }
            Event::End(TagEnd::TableRow) => "</tr>\n".into(),
            Event::Start(Tag::TableCell) => {
                let align = match self.aligns.get(self.column) {
                    Some(pulldown_cmark::Alignment::Left) => " class=\"align-left\"",
                    Some(pulldown_cmark::Alignment::Center) => " class=\"align-center\"",
                    Some(pulldown_cmark::Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                self.column += 1;
                if self.in_head {
                    format!("<th scope=\"col\"{align}>")
                } else {
                    format!("<td{align}>")
                }
            }
            Event::End(TagEnd::TableCell) => if self.in_head { "</th>" } else { "</td>" }.into(),
            Event::End(TagEnd::Table) => {
                let close = if self.body_open { "</tbody>\n" } else { "" };
                format!("{close}</table>\n</div>\n")
            }
            other => return Some(other),
        };
        Some(Event::Html(html.into()))
    }
}

/// Renders a one-line text with inline `$...$` maths (a title): everything else is
/// escaped text. `\$` is a literal dollar sign.
pub fn render_inline(text: &str, problems: &mut Vec<MathProblem>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = find_dollar(rest) {
        let after = &rest[start + 1..];
        let Some(end) = find_dollar(after) else { break };
        plain.push_str(&rest[..start]);
        out.push_str(&escape_html(&unescape_dollars(&plain)));
        plain.clear();
        out.push_str(&math(&after[..end], false, problems));
        rest = &after[end + 1..];
    }
    plain.push_str(rest);
    out.push_str(&escape_html(&unescape_dollars(&plain)));
    out
}

/// Plain text of a title for metadata: maths delimiters removed, TeX kept.
pub fn plain_inline(text: &str) -> String {
    if !text.contains('$') {
        // No maths and no `\$`: the text as it is (most titles and abstracts).
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_math = false;
    while let Some(i) = find_dollar(rest) {
        if in_math {
            out.push_str(&math_text(&rest[..i]));
        } else {
            out.push_str(&rest[..i]);
        }
        in_math = !in_math;
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    unescape_dollars(&out)
}

/// TeX maths as readable text for places that show no maths (`<title>`, meta
/// tags, feeds): `A_{\infty}` -> `A∞`, `x^2` -> `x²`, `\mathrm{K}` -> `K`.
pub fn math_text(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    let chars: Vec<char> = tex.chars().collect();
    let mut i = 0;
    let mut script: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let name: String = chars[start..i].iter().collect();
                if name.is_empty() {
                    // `\,` `\;` `\{`: a space or the symbol itself.
                    if let Some(&s) = chars.get(i) {
                        i += 1;
                        out.push(if s.is_alphanumeric() || "{}|".contains(s) {
                            s
                        } else {
                            ' '
                        });
                    }
                } else {
                    out.push_str(math_symbol(&name));
                }
            }
            '_' | '^' => script = Some(c),
            '{' | '}' => continue,
            ' ' if out.ends_with(' ') || out.is_empty() => continue,
            c => {
                let shifted = match script.take() {
                    Some('^') => superscript(c),
                    Some(_) => subscript(c),
                    None => None,
                };
                out.push(shifted.unwrap_or(c));
                continue;
            }
        }
        if c != '_' && c != '^' {
            script = None;
        }
    }
    out.trim().to_string()
}

fn superscript(c: char) -> Option<char> {
    "0123456789+-=()n"
        .find(c)
        .map(|i| "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ".chars().nth(i).unwrap_or(c))
}

fn subscript(c: char) -> Option<char> {
    "0123456789+-=()"
        .find(c)
        .map(|i| "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎".chars().nth(i).unwrap_or(c))
}

/// A maths command as text; a font or operator command gives nothing (its
/// argument follows as text).
fn math_symbol(name: &str) -> &'static str {
    match name {
        "infty" => "∞",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "Gamma" => "Γ",
        "delta" => "δ",
        "Delta" => "Δ",
        "epsilon" | "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" => "θ",
        "Theta" => "Θ",
        "kappa" => "κ",
        "lambda" => "λ",
        "Lambda" => "Λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" => "π",
        "Pi" => "Π",
        "rho" => "ρ",
        "sigma" => "σ",
        "Sigma" => "Σ",
        "tau" => "τ",
        "phi" | "varphi" => "φ",
        "Phi" => "Φ",
        "chi" => "χ",
        "psi" => "ψ",
        "Psi" => "Ψ",
        "omega" => "ω",
        "Omega" => "Ω",
        "le" | "leq" => "≤",
        "ge" | "geq" => "≥",
        "ne" | "neq" => "≠",
        "times" => "×",
        "cdot" => "·",
        "pm" => "±",
        "to" | "rightarrow" => "→",
        "in" => "∈",
        "subset" => "⊂",
        "cup" => "∪",
        "cap" => "∩",
        "otimes" => "⊗",
        "oplus" => "⊕",
        "partial" => "∂",
        "nabla" => "∇",
        "sum" => "∑",
        "prod" => "∏",
        "int" => "∫",
        "sqrt" => "√",
        "ell" => "ℓ",
        "log" => "log",
        "sin" => "sin",
        "cos" => "cos",
        "exp" => "exp",
        "quad" | "qquad" => " ",
        _ => "",
    }
}

/// The plain text of Markdown (for descriptions and metadata): markup dropped,
/// maths kept as TeX between `$`.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, ParseOptions::ENABLE_MATH) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::InlineMath(t) => {
                out.push('$');
                out.push_str(&t);
                out.push('$');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The first `$` not preceded by a backslash (found with `str::find`, which
/// scans a word at a time: most titles and abstracts have no `$` at all).
fn find_dollar(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find('$') {
        let i = from + i;
        if i == 0 || bytes[i - 1] != b'\\' {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

fn unescape_dollars(s: &str) -> String {
    if !s.contains('$') {
        return s.to_owned();
    }
    s.replace("\\$", "$")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_shows_maths_as_readable_text_never_tex() {
        assert_eq!(plain_inline("Ann. $K$-Theory"), "Ann. K-Theory");
        assert_eq!(
            plain_inline("Koszul duality for $A_{\\infty }$-algebras"),
            "Koszul duality for A∞-algebras"
        );
        assert_eq!(
            plain_inline("On the $O(n^2)$ bound, \\$5"),
            "On the O(n²) bound, $5"
        );
        assert_eq!(plain_inline("$\\mathrm{SL}_2(\\mathbb{Z})$"), "SL₂(Z)");
    }

    #[test]
    fn inline_and_display_maths_become_mathml() {
        let mut p = Vec::new();
        let html = render("gain of $63.5\\%$ and\n\n$$x^2$$\n", "/", &mut p);
        assert!(
            html.contains("<math><mn>63.5</mn><mi>%</mi></math>"),
            "{html}"
        );
        assert!(html.contains("<math display=\"block\">"), "{html}");
        assert!(p.is_empty());
    }

    #[test]
    fn unknown_tex_falls_back_to_source_and_is_reported() {
        let mut p = Vec::new();
        let html = render("see $\\foo{x}$", "/", &mut p);
        assert!(
            html.contains("<code class=\"tex\">$\\foo{x}$</code>"),
            "{html}"
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].tex, "\\foo{x}");
        assert!(p[0].message.contains("\\foo"), "{}", p[0].message);
    }

    #[test]
    fn a_text_style_fraction_is_valid_mathml() {
        let mut p = Vec::new();
        let html = render("$$\\tfrac{r}{\\mu}$$", "/", &mut p);
        assert!(!html.contains("<mfrac displaystyle"), "{html}");
        assert!(
            html.contains("<mstyle displaystyle=\"false\"><mfrac>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let mut p = Vec::new();
        let html = render(
            "<script>alert(1)</script> <img src=x onerror=alert(1)>",
            "/",
            &mut p,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn raw_html_passes_when_the_site_trusts_it() {
        let mut p = Vec::new();
        let site = SiteOptions {
            base_path: "/",
            raw_html: true,
        };
        let html = render(
            "<video src=\"/v.mp4\"></video>\n\nText <kbd>K</kbd>",
            site,
            &mut p,
        );
        assert!(html.contains("<video src=\"/v.mp4\"></video>"), "{html}");
        assert!(html.contains("<kbd>K</kbd>"), "{html}");
        assert_eq!(
            raw_html_offsets("a <b>x</b>\n\n<div>\n</div>\n"),
            [2, 6, 12, 18]
        );
    }

    #[test]
    fn unsafe_links_are_dropped_and_site_links_get_the_base_path() {
        let mut p = Vec::new();
        let html = render(
            "[a](javascript:alert(1)) [b](/about/) [c](https://x.org)",
            "/repo/",
            &mut p,
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<a href=\"/repo/about/\">b</a>"), "{html}");
        assert!(html.contains("<a href=\"https://x.org\">c</a>"), "{html}");
        assert!(
            html.starts_with("<p>a <a"),
            "the text of a dropped link stays: {html}"
        );
    }

    #[test]
    fn titles_escape_text_and_render_maths() {
        let mut p = Vec::new();
        let html = render_inline("<b>A</b> $O(n^2)$ costs \\$5", &mut p);
        assert!(html.starts_with("&lt;b&gt;A&lt;/b&gt; <math>"), "{html}");
        assert!(html.ends_with(" costs $5"), "{html}");
        assert_eq!(plain_inline("A $O(n)$ b"), "A O(n) b");
        assert_eq!(
            plain_text("Some *bold* [link](javascript:x) $x$"),
            "Some bold link $x$"
        );
    }

    #[test]
    fn nesting_counts_groups_and_the_commands_that_may_nest() {
        assert_eq!(nesting("x + y"), 0);
        assert_eq!(nesting("{{x}}"), 2);
        assert_eq!(nesting("\\left( \\left( x \\right) \\right)"), 2);
        assert_eq!(nesting("\\frac1\\frac1\\frac1x"), 3);
        // Commands inside a closed group no longer count.
        assert_eq!(nesting("{\\alpha\\beta} x^2"), 3);
        assert_eq!(nesting("\\{ \\} \\, x"), 0);
        // A script ends with its group or character.
        assert_eq!(nesting("a_{1}"), 2);
        assert_eq!(nesting("x^2"), 1);
        let matrix = vec!["a_{ij}^2"; 2000].join(" & ");
        assert_eq!(
            nesting(&format!("\\begin{{matrix}}{matrix}\\end{{matrix}}")),
            3
        );
        // A script whose argument is a command may chain like one.
        assert_eq!(nesting("x^\\sqrt\\sqrt y"), 3);
    }

    #[test]
    fn tex_nested_too_deeply_is_shown_as_text() {
        let mut p = Vec::new();
        let tex = format!("{}x{}", "{".repeat(1001), "}".repeat(1001));
        let html = render_inline(&format!("${tex}$"), &mut p);
        assert!(html.starts_with("<code class=\"tex\">${{{"), "{html}");
        assert_eq!(p.len(), 1);
        assert!(
            p[0].message.contains("nested too deeply"),
            "{}",
            p[0].message
        );
        assert!(p[0].tex.ends_with('…'), "the message keeps the TeX short");
    }

    // Found by the markdown fuzz target: a footnote label holding `onerror=`
    // once landed inside a quoted `id` value. Notes are now numbered, so a
    // label never reaches the markup; an unreferenced note is not shown.
    #[test]
    fn footnote_labels_never_reach_the_markup() {
        for text in [
            "[^W$$!)z onerror=2a\u{1}\0 ]:",
            "x[^a onerror=2]\n\n[^a onerror=2]: note\n",
            "x[^<b>]\n\n[^<b>]: note\n",
        ] {
            let mut problems = Vec::new();
            let html = render(text, "/", &mut problems);
            assert!(!html.contains("onerror"), "{html}");
            assert!(!html.contains("<b>"), "{html}");
        }
    }

    #[test]
    fn footnotes_are_numbered_with_links_both_ways() {
        let opts = Options {
            base_path: "/",
            words: Words {
                footnotes: "Footnotes",
                back_to_reference: "Back to reference {n}",
                ..Words::default()
            },
            cite: None,
            id_prefix: "",
            raw_html: false,
        };
        let text = "A[^b] and B[^a] and A again[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n[^unused]: Never shown.\n";
        let html = render_with(text, &opts, &mut Vec::new()).html;
        assert!(html.contains("A<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a></sup>"), "{html}");
        assert!(
            html.contains("id=\"fnref-2\" role=\"doc-noteref\">2</a>"),
            "{html}"
        );
        assert!(
            html.contains("id=\"fnref-1-2\""),
            "the second reference to b: {html}"
        );
        assert!(html.contains("<li id=\"fn-1\">\n<p>Note b. <a href=\"#fnref-1\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Back to reference 1\">↩</a> <a href=\"#fnref-1-2\""), "{html}");
        assert!(
            html.contains("<h2 id=\"footnotes-heading\" class=\"visually-hidden\">Footnotes</h2>")
        );
        assert!(!html.contains("Never shown"), "{html}");
        assert!(
            html.find("Note b").unwrap() < html.find("Note a").unwrap(),
            "in order of reference"
        );
        let undefined = render("x[^nowhere]\n", "/", &mut Vec::new());
        assert!(!undefined.contains("href=\"#fn"), "{undefined}");
    }

    #[test]
    fn display_maths_scrolls_in_a_focusable_named_region() {
        let opts = Options {
            base_path: "/",
            words: Words {
                equation: "Equation",
                ..Words::default()
            },
            cite: None,
            id_prefix: "",
            raw_html: false,
        };
        let html = render_with("Wide: $$x^2$$ and $y$.\n", &opts, &mut Vec::new()).html;
        assert!(
            html.starts_with("<p>Wide: <span class=\"math-display\" tabindex=\"0\" role=\"region\" aria-label=\"Equation\"><math display=\"block\">"),
            "{html}"
        );
        assert!(html.contains("</math></span> and <math>"), "{html}");
    }

    #[test]
    fn tables_have_column_headers_in_a_focusable_region() {
        let opts = Options {
            base_path: "/",
            words: Words {
                table: "Table",
                ..Words::default()
            },
            cite: None,
            id_prefix: "",
            raw_html: false,
        };
        let text = "| a | b |\n|:--|--:|\n| 1 | 2 |\n";
        let html = render_with(text, &opts, &mut Vec::new()).html;
        assert_eq!(
            html,
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n<table>\n<thead>\n<tr><th scope=\"col\" class=\"align-left\">a</th><th scope=\"col\" class=\"align-right\">b</th></tr>\n</thead>\n<tbody>\n<tr><td class=\"align-left\">1</td><td class=\"align-right\">2</td></tr>\n</tbody>\n</table>\n</div>\n"
        );
    }

    #[test]
    fn code_blocks_are_highlighted_when_the_language_is_known() {
        let html = render(
            "```rust\nlet x = \"<b>\";\n```\n\n```\nplain <i>\n```\n",
            "/",
            &mut Vec::new(),
        );
        assert!(html.contains("<pre class=\"code\" tabindex=\"0\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">"), "{html}");
        assert!(html.contains("hl-keyword"), "{html}");
        assert!(
            html.contains("&lt;b&gt;") && !html.contains("<b>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<pre class=\"code\" tabindex=\"0\"><code>plain &lt;i&gt;\n</code></pre>"
            ),
            "{html}"
        );
        let unknown = render("```klingon\n<x>\n```\n", "/", &mut Vec::new());
        assert!(
            unknown.contains("<code class=\"language-klingon\">&lt;x&gt;\n</code>"),
            "{unknown}"
        );
    }

    #[test]
    fn citations_are_numbered_links_with_a_reference_list() {
        let cite = |slug: &str| {
            ["engine", "notes"].contains(&slug).then(|| Cited {
                url: format!("/papers/{slug}/"),
                entry_html: format!("Lovelace, A. ({slug})."),
                author_year: None,
            })
        };
        let opts = Options {
            base_path: "/",
            words: Words {
                references: "References",
                ..Words::default()
            },
            cite: Some(&cite),
            id_prefix: "",
            raw_html: false,
        };
        let text = "As shown [@notes; @engine], and again [@notes].\n\nUnknown [@engin] and `[@code]` and [not @a citation].\n";
        let r = render_with(text, &opts, &mut Vec::new());
        let html = &r.html;
        assert!(html.contains("<span class=\"citation\">[<a href=\"/papers/notes/\" aria-describedby=\"ref-1\">1</a>, <a href=\"/papers/engine/\" aria-describedby=\"ref-2\">2</a>]</span>"), "{html}");
        assert!(html.contains("again <span class=\"citation\">[<a href=\"/papers/notes/\" aria-describedby=\"ref-1\">1</a>]</span>"), "{html}");
        assert!(html.contains("<h2 id=\"references-heading\">References</h2>\n<ol class=\"reference-list\">\n<li id=\"ref-1\">Lovelace, A. (notes).</li>\n<li id=\"ref-2\">Lovelace, A. (engine).</li>"), "{html}");
        assert!(html.contains("<code>[@code]</code>"), "{html}");
        assert!(html.contains("[not @a citation]"), "{html}");
        assert_eq!(
            r.unknown_citations,
            vec![UnknownCitation {
                slug: "engin".into(),
                offset: text.find("@engin]").unwrap()
            }]
        );
        // Without a way to cite, `[@x]` is text.
        assert!(render("[@engine]", "/", &mut Vec::new()).contains("[@engine]"));
    }

    #[test]
    fn author_year_citations_read_by_name_and_sort_the_list_by_author() {
        let cite = |slug: &str| {
            let (label, key) = match slug {
                "zhu" => ("Zhu et al., 2023", "zhu 2023"),
                "abe" => ("Abe & Co, 2024", "abe 2024"),
                _ => return None,
            };
            Some(Cited {
                url: format!("/papers/{slug}/"),
                entry_html: format!("{slug}."),
                author_year: Some(AuthorYear {
                    label: label.into(),
                    sort_key: key.into(),
                }),
            })
        };
        let opts = Options {
            base_path: "/",
            words: Words::default(),
            cite: Some(&cite),
            id_prefix: "",
            raw_html: false,
        };
        let html = render_with("See [@zhu; @abe].\n", &opts, &mut Vec::new()).html;
        assert!(html.contains("<span class=\"citation author-year\">(<a href=\"/papers/zhu/\" aria-describedby=\"ref-1\">Zhu et al., 2023</a>; <a href=\"/papers/abe/\" aria-describedby=\"ref-2\">Abe &amp; Co, 2024</a>)</span>"), "{html}");
        assert!(html.contains("<ul class=\"reference-list\">\n<li id=\"ref-2\">abe.</li>\n<li id=\"ref-1\">zhu.</li>\n</ul>"), "{html}");
    }
}
