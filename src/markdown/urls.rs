//! The targets of links and pictures: made safe and site-relative, and the
//! pictures that name a file of the site (`![alt](/images/x.jpg)`) found
//! with their byte offsets, so that `resolve` can hand them to the image
//! stage, which resizes them and gives their `<img>` its copies, width and
//! height.

use pulldown_cmark::{CowStr, Tag};

use crate::text::{percent_decode, safe_url};

/// A picture of the text at a site path: the file under `static/` it names
/// (percent escapes decoded) and the byte offset of its `![`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    pub rel: String,
    pub offset: usize,
}

/// The file under `static/` a site path names (`/images/a%20b.jpg` →
/// `images/a b.jpg`); `None` for other sites, other schemes, queries and
/// fragments.
pub fn site_file(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix('/')?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(['?', '#', '\\']) {
        return None;
    }
    Some(percent_decode(rest))
}

/// A link or image with its target made safe and site-relative, or `None` when
/// the target's scheme is not allowed (the tag is then dropped, its text kept).
pub(super) fn with_safe_url<'a>(tag: Tag<'a>, base_path: &str) -> Option<Tag<'a>> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => {
            let dest_url = rewrite_url(&dest_url, base_path)?.into();
            Some(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => {
            let dest_url = rewrite_url(&dest_url, base_path)?.into();
            Some(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => Some(other),
    }
}

fn rewrite_url(url: &CowStr, base_path: &str) -> Option<String> {
    let url = safe_url(url)?;
    if url.starts_with('/') {
        Some(format!("{base_path}{}", url.trim_start_matches('/')))
    } else {
        Some(url.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_files_are_decoded_and_others_refused() {
        assert_eq!(
            site_file("/images/a%20b.jpg").as_deref(),
            Some("images/a b.jpg")
        );
        assert_eq!(site_file(" /x.png ").as_deref(), Some("x.png"));
        assert_eq!(site_file("//cdn.example/x.png"), None);
        assert_eq!(site_file("https://example.org/x.png"), None);
        assert_eq!(site_file("images/x.png"), None);
        assert_eq!(site_file("/x.png?v=2"), None);
        assert_eq!(site_file("/"), None);
        assert_eq!(percent_decode("a%zzb%2"), "a%zzb%2");
    }
}
