//! `appearance:` in `site.yaml`: the accent colour (checked for WCAG AA
//! contrast against the theme's backgrounds, light and dark), font stacks and
//! self-hosted font files, the layout choices both built-in themes support, the
//! favicon, extra stylesheets, and named HTML snippets (trusted, inserted as
//! written). The raw file as typed, and the resolved `Appearance`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::model::StaticFile;

pub use super::colour::{BLACK, MIN_CONTRAST, Palette, Rgb, WHITE, palette};

/// `appearance:` as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppearanceFile {
    /// The accent colour of links and highlights: `"#7b2d8e"` (the dark-mode
    /// shade is derived), or `{ light: "#7b2d8e", dark: "#d9a6ea" }`.
    #[serde(default, deserialize_with = "some_accent")]
    #[schemars(with = "Option<AccentFile>")]
    pub accent: Option<Spanned<AccentFile>>,
    /// Font stacks, and font files of the site's `static/`.
    #[serde(default)]
    pub fonts: FontsFile,
    /// The width of the page's text column.
    #[serde(default)]
    pub width: Width,
    /// Where the profile's photo sits: beside the text, or above it.
    #[serde(default)]
    pub profile: ProfileLayout,
    /// Publication lists as a plain list or as cards.
    #[serde(default)]
    pub publications: PublicationsLayout,
    /// The site icon: a file of `static/` (`/favicon.png`); ico, png, svg or webp.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub favicon: Option<Spanned<String>>,
    /// Stylesheets of `static/` linked after the theme's (`/css/extra.css`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub css: Vec<Spanned<String>>,
    /// Named HTML snippets, inserted as written into every page (trusted:
    /// they bypass escaping). `{ name: { at: head | body_end, html: "..." } }`
    #[serde(default)]
    pub snippets: BTreeMap<String, SnippetFile>,
}

/// `lab:` in `site.yaml`: what the lab's home page shows above its sections.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabFile {
    /// An introduction, in Markdown, under the lab's name.
    #[serde(default)]
    pub intro: Option<String>,
    /// A group photo: `{ src: /images/group.jpg, alt: ..., width: 1600, height: 900 }`.
    #[serde(default)]
    #[schemars(with = "Option<LabPhotoFile>")]
    pub photo: Option<Spanned<LabPhotoFile>>,
}

/// The lab's group photo.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabPhotoFile {
    /// A file of `static/` (`/images/group.jpg`).
    pub src: String,
    /// What the photo shows, for readers who cannot see it.
    pub alt: String,
    /// The size in pixels, so that the page does not move while it loads.
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
}

/// The lab's group photo, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct LabPhoto {
    /// Site path without the leading `/`.
    pub path: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The file and where `site.yaml` names it, for `images`, which resizes it.
    #[serde(skip)]
    pub file: Option<crate::model::ImageRef>,
}

/// One accent colour, or one for each scheme.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AccentFile {
    One(String),
    Both { light: String, dark: String },
}

/// `accent:` read by hand, for messages that say what to write: an unquoted
/// `#7b2d8e` is a YAML comment, so the value arrives empty.
impl<'de> Deserialize<'de> for AccentFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AccentVisitor)
    }
}

struct AccentVisitor;

const ACCENT_HELP: &str =
    "a quoted hex colour such as \"#7b2d8e\", or { light: \"#7b2d8e\", dark: \"#d9a6ea\" }";

impl<'de> serde::de::Visitor<'de> for AccentVisitor {
    type Value = AccentFile;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(ACCENT_HELP)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AccentFile, E> {
        Ok(AccentFile::One(v.to_string()))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<AccentFile, E> {
        Err(E::custom(format!(
            "the accent is empty (an unquoted # starts a YAML comment): write {ACCENT_HELP}"
        )))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<AccentFile, E> {
        self.visit_unit()
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<AccentFile, A::Error> {
        let (mut light, mut dark) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "light" => light = Some(map.next_value::<String>()?),
                "dark" => dark = Some(map.next_value::<String>()?),
                other => return Err(serde::de::Error::unknown_field(other, &["light", "dark"])),
            }
        }
        match (light, dark) {
            (Some(light), Some(dark)) => Ok(AccentFile::Both { light, dark }),
            _ => Err(serde::de::Error::custom(format!(
                "the accent needs both `light` and `dark`, or one colour: write {ACCENT_HELP}"
            ))),
        }
    }
}

/// `accent:` given, even empty: an empty value is an error, not "no accent".
fn some_accent<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<AccentFile>>, D::Error> {
    Spanned::<AccentFile>::deserialize(d).map(Some)
}

/// `appearance.fonts`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontsFile {
    /// The text font: `system` (the default), `serif`, `sans-serif`, or a CSS
    /// font stack such as `"Inter", system-ui, sans-serif`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub body: Option<Spanned<String>>,
    /// The headings' font (the text font when not given).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub heading: Option<Spanned<String>>,
    /// The code font.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub mono: Option<Spanned<String>>,
    /// Font files of `static/`, each declared with `@font-face`.
    #[serde(default)]
    pub files: Vec<FontFileDecl>,
}

/// A self-hosted font file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontFileDecl {
    /// The family name the stacks use (`Inter`).
    pub family: String,
    /// The file: a site path of `static/` (`/fonts/inter.woff2`); woff2, woff, ttf or otf.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// `400`, or a range for a variable font (`100 900`).
    #[serde(default)]
    pub weight: Option<String>,
    /// `normal` or `italic`.
    #[serde(default)]
    pub style: Option<String>,
}

/// A named snippet.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SnippetFile {
    /// Where it goes: at the end of `<head>`, or at the end of `<body>`.
    pub at: SnippetPlace,
    /// The HTML, inserted as written.
    pub html: String,
    /// Hosts its scripts, styles, frames or requests need, added to the
    /// page's Content-Security-Policy (`script-src: [https://x.example]`).
    #[serde(default)]
    pub csp: BTreeMap<String, Vec<String>>,
}

/// Where a snippet goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SnippetPlace {
    Head,
    BodyEnd,
}

/// The width of the text column.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Width {
    Narrow,
    #[default]
    Normal,
    Wide,
}

/// Where the profile photo sits.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ProfileLayout {
    /// Beside the name and text (the default).
    #[default]
    Side,
    /// Above them, centred.
    Top,
}

/// How publication lists look.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PublicationsLayout {
    #[default]
    List,
    Cards,
}

/// Calls `$m!` with the names of the icons built into folio, in the order
/// `themes/icons/LICENSES.md` lists them: the one list behind both
/// [`ICON_NAMES`] (which `links.other` may name) and the renderer's embedded
/// SVG files (`render::icons`), so the two cannot drift apart.
macro_rules! with_icon_names {
    ($m:ident) => {
        $m!(
            "email",
            "homepage",
            "cv",
            "rss",
            "link",
            "scholar",
            "orcid",
            "semantic_scholar",
            "dblp",
            "openreview",
            "researchgate",
            "arxiv",
            "github",
            "gitlab",
            "linkedin",
            "x",
            "bluesky",
            "mastodon",
            "youtube",
        )
    };
}
pub(crate) use with_icon_names;

macro_rules! name_list {
    ($($name:literal),* $(,)?) => {
        [$($name),*]
    };
}

/// The icons built into folio (`themes/icons/`), by the link kind they stand
/// for; `links.other` may name any of them.
pub const ICON_NAMES: &[&str] = &with_icon_names!(name_list);

/// The resolved appearance.
#[derive(Debug, Clone, Default)]
pub struct Appearance {
    /// The accent, light and dark.
    pub accent: Option<(Rgb, Rgb)>,
    /// CSS font stacks, checked to be plain names and commas.
    pub body_font: Option<String>,
    pub heading_font: Option<String>,
    pub mono_font: Option<String>,
    pub font_faces: Vec<FontFace>,
    pub width: Width,
    pub profile: ProfileLayout,
    pub publications: PublicationsLayout,
    /// The favicon's site path (without the leading `/`) and media type.
    pub favicon: Option<(String, &'static str)>,
    /// Extra stylesheets: site paths without the leading `/`.
    pub css: Vec<String>,
    pub snippets: Vec<Snippet>,
    /// The lab home page's introduction (HTML) and group photo.
    pub lab_intro_html: String,
    pub lab_photo: Option<LabPhoto>,
    /// Each site file named, with where, for the check that it is in `static/`.
    files: Vec<(String, String, u64, u64)>,
}

/// A font file to declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFace {
    pub family: String,
    /// Site path without the leading `/`.
    pub path: String,
    pub format: &'static str,
    pub weight: String,
    pub style: String,
}

/// A snippet, resolved.
#[derive(Debug, Clone)]
pub struct Snippet {
    pub name: String,
    pub at: SnippetPlace,
    pub html: String,
    pub csp: BTreeMap<String, Vec<String>>,
}

impl Appearance {
    /// Whether anything asks for the generated stylesheet (`assets/appearance.css`).
    pub fn has_css(&self) -> bool {
        self.accent.is_some()
            || self.body_font.is_some()
            || self.heading_font.is_some()
            || self.mono_font.is_some()
            || !self.font_faces.is_empty()
    }

    /// The page classes of the layout choices (empty for the defaults).
    pub fn layout_classes(&self) -> String {
        let mut classes = Vec::new();
        match self.width {
            Width::Narrow => classes.push("layout-narrow"),
            Width::Wide => classes.push("layout-wide"),
            Width::Normal => {}
        }
        if self.profile == ProfileLayout::Top {
            classes.push("profile-top");
        }
        if self.publications == PublicationsLayout::Cards {
            classes.push("publications-cards");
        }
        classes.join(" ")
    }
}

/// Resolves `appearance:` for `theme`; every problem goes into `diags`.
pub fn resolve(
    raw: AppearanceFile,
    theme: &str,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Appearance {
    let mut out = Appearance {
        width: raw.width,
        profile: raw.profile,
        publications: raw.publications,
        ..Appearance::default()
    };
    if let Some(accent) = &raw.accent {
        out.accent = resolve_accent(accent, palette(theme), path, diags);
    }
    let fonts = &raw.fonts;
    for (field, value, slot) in [
        ("body", &fonts.body, &mut out.body_font),
        ("heading", &fonts.heading, &mut out.heading_font),
        ("mono", &fonts.mono, &mut out.mono_font),
    ] {
        if let Some(v) = value {
            match font_stack(&v.value) {
                Ok(stack) => *slot = stack,
                Err(msg) => diags.push(at(path, v, format!("appearance.fonts.{field}: {msg}")).with_hint(
                    "write `system`, `serif`, `sans-serif`, `monospace`, or family names separated by commas, such as `\"Inter\", system-ui, sans-serif`",
                )),
            }
        }
    }
    for decl in &fonts.files {
        if let Some(face) = font_face(decl, path, diags) {
            out.files.push(file_ref(&decl.path, &face.path));
            out.font_faces.push(face);
        }
    }
    if let Some(f) = &raw.favicon {
        match site_file(&f.value).map(|rel| (icon_type(&rel), rel)) {
            Some((Some(kind), rel)) => {
                out.files.push(file_ref(f, &rel));
                out.favicon = Some((rel, kind));
            }
            Some((None, _)) => diags.push(
                at(
                    path,
                    f,
                    format!("appearance.favicon: `{}` is not an icon file", f.value),
                )
                .with_hint("use an .ico, .png, .svg or .webp file of static/"),
            ),
            None => diags.push(not_a_site_path(path, f, "favicon", "/favicon.png")),
        }
    }
    for css in &raw.css {
        match site_file(&css.value).filter(|r| r.ends_with(".css")) {
            Some(rel) => {
                out.files.push(file_ref(css, &rel));
                out.css.push(rel);
            }
            None => diags.push(not_a_site_path(path, css, "css", "/css/extra.css")),
        }
    }
    for (name, s) in raw.snippets {
        if let Err(msg) = crate::text::check_key(&name) {
            diags.push(Diagnostic::error(
                path,
                0,
                0,
                format!("appearance.snippets: name `{name}`: {msg}"),
            ));
            continue;
        }
        let csp = crate::model::integrations::check_csp_sources(
            &s.csp,
            &format!("appearance.snippets.{name}.csp"),
            path,
            diags,
        );
        out.snippets.push(Snippet {
            name,
            at: s.at,
            html: s.html,
            csp,
        });
    }
    out
}

/// Adds `lab:` (the intro rendered from Markdown, the photo checked) to `out`.
pub fn resolve_lab(
    raw: LabFile,
    markdown: crate::markdown::SiteOptions,
    out: &mut Appearance,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(intro) = &raw.intro {
        let mut problems = Vec::new();
        out.lab_intro_html = crate::markdown::render(intro, markdown, &mut problems);
        for p in problems {
            diags.push(
                Diagnostic::warning(path, 0, 0, format!("lab.intro: {}", p.message))
                    .with_hint(p.hint),
            );
        }
    }
    let Some(photo) = raw.photo else { return };
    let Some(rel) = site_file(&photo.value.src) else {
        diags.push(
            at(
                path,
                &photo,
                format!("lab.photo: `{}` is not a file of the site", photo.value.src),
            )
            .with_hint(
                "put the photo in static/ and write its site path, such as /images/group.jpg",
            ),
        );
        return;
    };
    if photo.value.alt.trim().is_empty() {
        diags.push(
            at(path, &photo, "lab.photo: `alt` is empty".into())
                .with_hint("say what the photo shows, for readers who cannot see it"),
        );
    }
    out.files.push((
        photo.value.src.clone(),
        rel.clone(),
        photo.referenced.line(),
        photo.referenced.column(),
    ));
    out.lab_photo = Some(LabPhoto {
        file: Some(crate::model::ImageRef {
            rel: rel.clone(),
            role: crate::model::ImageRole::Figure,
            path: path.to_path_buf(),
            line: photo.referenced.line(),
            column: photo.referenced.column(),
            field: "lab.photo",
        }),
        path: rel,
        alt: photo.value.alt.clone(),
        width: photo.value.width,
        height: photo.value.height,
    });
}

/// Errors for the files `appearance:` names that are not in `static/`.
pub fn check_files(
    appearance: &Appearance,
    statics: &[StaticFile],
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    for (written, rel, line, column) in &appearance.files {
        if !statics.iter().any(|f| &f.rel == rel) {
            diags.push(
                Diagnostic::error(
                    path,
                    *line,
                    *column,
                    format!("appearance: `{written}`: no file static/{rel}"),
                )
                .with_hint("put the file in static/, or correct the path"),
            );
        }
    }
}

fn at(path: &Path, s: &Spanned<impl Sized>, msg: String) -> Diagnostic {
    Diagnostic::error(path, s.referenced.line(), s.referenced.column(), msg)
}

fn file_ref(s: &Spanned<String>, rel: &str) -> (String, String, u64, u64) {
    (
        s.value.clone(),
        rel.to_string(),
        s.referenced.line(),
        s.referenced.column(),
    )
}

fn not_a_site_path(path: &Path, s: &Spanned<String>, field: &str, example: &str) -> Diagnostic {
    at(
        path,
        s,
        format!(
            "appearance.{field}: `{}` is not a file of the site",
            s.value
        ),
    )
    .with_hint(format!(
        "put the file in static/ and write its site path, such as {example}"
    ))
}

/// A site path (`/fonts/x.woff2`) as a path of `static/` (`fonts/x.woff2`),
/// when it is one: no other host, no `..`, no characters a URL or CSS would
/// read otherwise.
fn site_file(written: &str) -> Option<String> {
    let rel = written.trim().strip_prefix('/')?;
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_');
    let ok = !rel.is_empty()
        && rel.chars().all(plain)
        && rel
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..");
    ok.then(|| rel.to_string())
}

/// The media type of an icon file, from its extension.
fn icon_type(rel: &str) -> Option<&'static str> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "ico" => "image/x-icon",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        _ => return None,
    })
}

fn resolve_accent(
    accent: &Spanned<AccentFile>,
    palette: &Palette,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Rgb, Rgb)> {
    let parse = |text: &str, diags: &mut Vec<Diagnostic>| {
        let c = Rgb::parse(text);
        if c.is_none() {
            diags.push(
                at(
                    path,
                    accent,
                    format!("appearance.accent: `{text}` is not a colour"),
                )
                .with_hint(
                    "write a hex colour such as \"#7b2d8e\" (quoted: YAML reads # as a comment)",
                ),
            );
        }
        c
    };
    let (light, dark) = match &accent.value {
        AccentFile::One(c) => {
            let light = parse(c, diags)?;
            // The lightest needed for the dark scheme, with room to spare.
            let dark = light.until_contrast(WHITE, palette.dark, 7.0);
            (light, Some(dark))
        }
        AccentFile::Both { light, dark } => (parse(light, diags)?, parse(dark, diags)),
    };
    let dark = dark?;
    let mut ok = true;
    for (scheme, colour, backgrounds, toward) in [
        ("light", light, palette.light, BLACK),
        ("dark", dark, palette.dark, WHITE),
    ] {
        let ratio = colour.worst_contrast(backgrounds);
        if ratio < MIN_CONTRAST {
            ok = false;
            let better = colour.until_contrast(toward, backgrounds, MIN_CONTRAST + 0.3);
            let shade = if scheme == "light" {
                "darker"
            } else {
                "lighter"
            };
            diags.push(
                at(
                    path,
                    accent,
                    format!(
                        "appearance.accent: `{}` has a contrast of {ratio:.2}:1 with the {scheme} background; text and links need at least 4.5:1 (WCAG AA)",
                        colour.hex()
                    ),
                )
                .with_hint(format!(
                    "a {shade} shade such as \"{}\" passes; or give both, as {{ light: ..., dark: ... }}",
                    better.hex()
                )),
            );
        }
    }
    ok.then_some((light, dark))
}

/// A font stack: a keyword, or names and generic families separated by
/// commas; only what CSS reads as names (no `;`, `{`, `}` or `\`). `None`
/// for `system`, the theme's own stack.
fn font_stack(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    let stack = match text {
        "system" => return Ok(None),
        "serif" => {
            "\"Iowan Old Style\", \"Palatino Linotype\", Palatino, Charter, Cambria, \"Times New Roman\", \"Liberation Serif\", serif"
        }
        "sans-serif" => {
            "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", \"Noto Sans\", \"Liberation Sans\", Arial, sans-serif"
        }
        "monospace" => {
            "ui-monospace, SFMono-Regular, Menlo, Consolas, \"DejaVu Sans Mono\", \"Liberation Mono\", monospace"
        }
        _ => {
            for name in text.split(',') {
                let name = name.trim();
                let inner = name
                    .strip_prefix('"')
                    .and_then(|n| n.strip_suffix('"'))
                    .or_else(|| name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')))
                    .unwrap_or(name);
                let plain = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_');
                if inner.trim().is_empty() || !inner.chars().all(plain) {
                    return Err(format!("`{name}` is not a font family name"));
                }
            }
            text
        }
    };
    Ok(Some(stack.to_string()))
}

fn font_face(decl: &FontFileDecl, path: &Path, diags: &mut Vec<Diagnostic>) -> Option<FontFace> {
    let family_ok = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_');
    if decl.family.trim().is_empty() || !decl.family.chars().all(family_ok) {
        diags.push(at(
            path,
            &decl.path,
            format!(
                "appearance.fonts.files: family `{}` is not a font family name",
                decl.family
            ),
        ));
        return None;
    }
    let Some(rel) = site_file(&decl.path.value) else {
        diags.push(not_a_site_path(
            path,
            &decl.path,
            "fonts.files",
            "/fonts/inter.woff2",
        ));
        return None;
    };
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let format = match ext.as_deref() {
        Some("woff2") => "woff2",
        Some("woff") => "woff",
        Some("ttf") => "truetype",
        Some("otf") => "opentype",
        _ => {
            diags.push(
                at(
                    path,
                    &decl.path,
                    format!(
                        "appearance.fonts.files: `{}` is not a font file",
                        decl.path.value
                    ),
                )
                .with_hint("use a .woff2 (best), .woff, .ttf or .otf file"),
            );
            return None;
        }
    };
    let weight = decl.weight.clone().unwrap_or_else(|| "400".into());
    let weight_ok = weight
        .split(' ')
        .all(|w| w.parse::<u16>().is_ok_and(|n| (1..=1000).contains(&n)));
    let style = decl.style.clone().unwrap_or_else(|| "normal".into());
    if !weight_ok || !matches!(style.as_str(), "normal" | "italic" | "oblique") {
        diags.push(
            at(
                path,
                &decl.path,
                format!(
                    "appearance.fonts.files: weight `{weight}` or style `{style}` is not valid"
                ),
            )
            .with_hint(
                "weight: a number from 1 to 1000, or a range `100 900`; style: normal or italic",
            ),
        );
        return None;
    }
    Some(FontFace {
        family: decl.family.trim().to_string(),
        path: rel,
        format,
        weight,
        style,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((BLACK.contrast(WHITE) - 21.0).abs() < 0.01);
        let grey = Rgb::parse("#767676").unwrap();
        assert!((grey.contrast(WHITE) - 4.54).abs() < 0.01);
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("abc"), None);
        assert_eq!(Rgb::parse("#abcd"), None);
    }

    #[test]
    fn a_derived_dark_accent_passes_on_every_dark_background() {
        let light = Rgb::parse("#7b2d8e").unwrap();
        let dark = light.until_contrast(WHITE, palette("default").dark, 7.0);
        assert!(
            dark.worst_contrast(palette("default").dark) >= 7.0,
            "{}",
            dark.hex()
        );
    }

    #[test]
    fn font_stacks_take_names_and_refuse_css() {
        assert_eq!(font_stack("system"), Ok(None));
        assert_eq!(
            font_stack("\"Inter\", system-ui, sans-serif"),
            Ok(Some("\"Inter\", system-ui, sans-serif".into()))
        );
        assert!(font_stack("x; } body { display: none").is_err());
        assert!(font_stack("a, , b").is_err());
    }

    #[test]
    fn site_files_stay_in_the_site() {
        assert_eq!(
            site_file("/fonts/a.woff2").as_deref(),
            Some("fonts/a.woff2")
        );
        for bad in ["fonts/a.woff2", "//x.org/a", "/../a", "/a b", "/a\"b", "/"] {
            assert_eq!(site_file(bad), None, "{bad}");
        }
        assert_eq!(icon_type("x/FAV.PNG"), Some("image/png"));
        assert_eq!(icon_type("x.gif"), None);
    }
}
