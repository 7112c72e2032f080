//! Blog posts: dates checked, paper slugs and author ids matched to the site's
//! papers and authors (an unknown one is a located error with the closest known
//! name), the body rendered, drafts kept only when asked for.

use crate::error::Diagnostic;
use crate::load::Loaded;
use crate::markdown;
use crate::model::config::Config;
use crate::model::post::reading_minutes;
use crate::model::schema::PostFront;
use crate::model::{ImageRole, Post, StaticFile};
use crate::text::{check_slug, first_sentence, slugify};

use super::located::{Papers, at, image_of, image_ref, position, render_body, report_math};
use super::talk::{Targets, check_ref, date_of};

/// Post slugs that would take a folder of the posts list (`posts/page/2/`,
/// `posts/tags/x/`).
const RESERVED_POST_SLUGS: [&str; 2] = ["page", "tags"];

/// Resolves one post; `None` (with every problem reported) when it has errors.
/// Errors in the front matter are located in the file, which starts one line
/// before the front matter.
pub(super) fn resolve_post(
    config: &Config,
    (targets, papers): (&Targets, &Papers),
    static_files: &[StaticFile],
    file: Loaded<(PostFront, String, u64)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Post> {
    let path = file.path.clone();
    let (body, body_line) = (file.value.1.clone(), file.value.2);
    let mut own = Vec::new();
    let mut post = resolve_front(config, targets, static_files, file, &mut own);
    for d in &mut own {
        if d.line > 0 {
            d.line += 1;
        }
    }
    if let Some(f) = post.as_mut().and_then(|p| p.image_file.as_mut()) {
        f.line += 1;
    }
    // The body's positions are in the file already.
    let (body_html, body_images) =
        render_body(config, papers, &path, (&body, body_line), "post", &mut own);
    let failed = own.iter().any(Diagnostic::is_error);
    diags.extend(own);
    post.filter(|_| !failed).map(|p| Post {
        body_html,
        body_images,
        ..p
    })
}

fn resolve_front(
    config: &Config,
    targets: &Targets,
    static_files: &[StaticFile],
    file: Loaded<(PostFront, String, u64)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Post> {
    let path = file.path;
    let (p, body, _body_line) = file.value;
    let slug = slugify(&path.file_stem().unwrap_or_default().to_string_lossy());
    if let Err(msg) = check_slug(&slug) {
        diags.push(Diagnostic::error(&path, 0, 0, msg).with_hint("rename the file"));
    } else if RESERVED_POST_SLUGS.contains(&slug.as_str()) {
        diags.push(
            Diagnostic::error(
                &path,
                0,
                0,
                format!("post slug `{slug}` is taken by the posts list"),
            )
            .with_hint("rename the file"),
        );
    }
    if p.title.value.trim().is_empty() {
        diags.push(at(&path, &p.title, "the title is empty").with_hint("write the post's title"));
    }
    let date = date_of(&path, &p.date, diags);
    let updated = p.updated.as_ref().and_then(|u| date_of(&path, u, diags));
    if let (Some(d), Some(u), Some(at_u)) = (date, updated, &p.updated)
        && u < d
    {
        diags.push(
            at(&path, at_u, "updated is before date")
                .with_hint("write the day of the last change, or remove `updated`"),
        );
    }
    let mut tags: Vec<String> = Vec::new();
    for t in &p.tags {
        let tag = t.value.trim();
        if slugify(tag).is_empty() {
            diags.push(
                at(&path, t, format!("tag `{tag}` has no letters or digits"))
                    .with_hint("write a word, such as `teaching`"),
            );
        } else if !tags.iter().any(|x| slugify(x) == slugify(tag)) {
            tags.push(tag.to_string());
        }
    }
    for paper in &p.papers {
        check_ref(&path, "paper slug", paper, &targets.papers, diags);
    }
    let ids = targets.authors.keys().map(String::as_str).collect();
    for a in &p.authors {
        check_ref(&path, "author id", a, &ids, diags);
    }
    let image = p
        .image
        .as_ref()
        .and_then(|i| image_of(config, &path, i, static_files, diags));
    let image_file = p
        .image
        .as_ref()
        .filter(|_| image.is_some())
        .and_then(|i| image_ref(&path, i, ImageRole::Picture, "image"));
    let mut problems = Vec::new();
    let title_html = markdown::render_inline(&p.title.value, &mut problems);
    report_math(&path, "title", position(&p.title), problems, diags);
    let plain = markdown::plain_text(&body);
    let summary = match &p.summary {
        Some(s) if !s.trim().is_empty() => s.trim().to_string(),
        _ => first_sentence(&plain).to_string(),
    };
    Some(Post {
        slug,
        title: p.title.value,
        title_html,
        date: date?,
        updated,
        tags,
        authors: p.authors.into_iter().map(|a| a.value).collect(),
        summary,
        draft: p.draft,
        papers: p.papers.into_iter().map(|x| x.value).collect(),
        image,
        image_alt: p.image_alt.unwrap_or_default().trim().to_string(),
        image_file,
        body_html: String::new(),
        body_images: Vec::new(),
        reading_minutes: reading_minutes(plain.split_whitespace().count()),
        source: path,
    })
}
