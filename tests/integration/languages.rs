//! The grammar of folio's languages on built pages: ordinals in the gender of
//! what they count, dates in references in the language's order, lists joined
//! with the language's conjunction and separators (CLDR's list patterns).

use crate::common::{SITE_YAML, TestSite};

/// A site in `language` citing in `style`, with a second edition of a book
/// whose fifth of twelve authors is the owner, an article of August 2013 and
/// a post citing a paper of two authors in the author-year style.
fn site_in(language: &str, style: &str) -> TestSite {
    let authors: Vec<String> = (1..=12)
        .map(|i| match i {
            5 => "Ada Lovelace".to_string(),
            _ => format!("Author{i} Family{i}"),
        })
        .collect();
    TestSite::new()
        .file(
            "site.yaml",
            &format!(
                "{SITE_YAML}language: {language}\ncitation_style: {style}\nauthor_limit: 3\n\
                 citations: {{ style: author-year }}\n"
            ),
        )
        .file(
            "papers/book.yaml",
            &format!(
                "title: Big Book\ndate: 2006\nkind: book\nedition: 2\npublisher: Springer\nauthors: [{}]\n",
                authors.join(", ")
            ),
        )
        .file(
            "papers/neuron.yaml",
            "title: Deep nets\ndate: 2013-08\nkind: article\nvenue: Neuron\nvolume: 43\n\
             authors: [Ann Lee, Bo Chen, Ada Lovelace]\n",
        )
        .file(
            "papers/pair.yaml",
            "title: A pair\ndate: 2024\nauthors: [Ada Lovelace, Charles Babbage]\n",
        )
        .file(
            "posts/cites.md",
            "---\ntitle: Cites\ndate: 2024-08-15\n---\nAs shown [@pair].\n",
        )
}

// Spanish, Portuguese and Italian write an author's rank with the masculine
// ordinal (autor) and an edition with the feminine (edición, edição,
// edizione); French 1er but 1re, and 2e for both.
#[test]
fn an_edition_takes_the_feminine_ordinal_and_an_author_s_rank_the_masculine() {
    for (language, rank, edition) in [
        ("es", "(5.º de 12)", "(2.ª ed.)"),
        ("pt", "(5.º de 12)", "(2.ª ed.)"),
        ("it", "(5º di 12)", "(2ª ed.)"),
        ("fr", "(5e sur 12)", "(2e éd.)"),
    ] {
        let site = site_in(language, "acm");
        site.build();
        let list = site.output("publications/index.html");
        assert!(
            list.contains(&format!("<span class=\"author-pos\">{rank}</span>")),
            "{language}: {list}"
        );
        let page = site.output("papers/book/index.html");
        assert!(
            page.contains(&format!("<i>Big Book</i> {edition}. Springer.")),
            "{language}: {page}"
        );
    }
}

// References (IEEE abbreviates the month, ACM writes it in full) date by the
// language's own patterns: year first in Chinese, Japanese and Korean.
#[test]
fn references_in_chinese_japanese_and_korean_write_the_year_first() {
    for (language, style, date) in [
        ("zh", "ieee", ", 2013年8月."),
        ("ja", "acm", " (2013年8月)."),
        ("ko", "ieee", ", 2013년 8월."),
        ("ko", "acm", " (2013년 8월)."),
        ("es", "acm", " (agosto de 2013)."),
    ] {
        let site = site_in(language, style);
        site.build();
        let page = site.output("papers/neuron/index.html");
        assert!(page.contains(date), "{language} {style}: {page}");
        assert!(!page.contains("8月 2013") && !page.contains("8월 2013"));
    }
}

// Two or three names are joined with the language's conjunction: Arabic و
// is written against the next name, Chinese 和 and Japanese 、 need no
// spaces; the author-year citation names both authors the same way.
#[test]
fn names_are_joined_with_the_language_s_conjunction() {
    for (language, reference, citation) in [
        (
            "en",
            "Ann Lee, Bo Chen, and Ada Lovelace.",
            ">Lovelace and Babbage, 2024</a>",
        ),
        (
            "de",
            "Ann Lee, Bo Chen und Ada Lovelace.",
            ">Lovelace und Babbage, 2024</a>",
        ),
        (
            "ar",
            "Ann Lee وBo Chen وAda Lovelace.",
            ">Lovelace وBabbage، 2024</a>",
        ),
        (
            "zh",
            "Ann Lee、Bo Chen和Ada Lovelace.",
            ">Lovelace和Babbage, 2024</a>",
        ),
        (
            "ja",
            "Ann Lee、Bo Chen、Ada Lovelace.",
            ">Lovelace、Babbage, 2024</a>",
        ),
        (
            "ko",
            "Ann Lee, Bo Chen 및 Ada Lovelace.",
            ">Lovelace 및 Babbage, 2024</a>",
        ),
    ] {
        let site = site_in(language, "acm");
        site.build();
        let page = site.output("papers/neuron/index.html");
        assert!(page.contains(reference), "{language}: {page}");
        let post = site.output("posts/cites/index.html");
        assert!(post.contains(citation), "{language}: {post}");
    }
}

// "As of" dates of citation counts, written by hand or fetched by `folio
// update`, are dates in the site's language like every other; free text
// stays as written.
#[test]
fn as_of_dates_follow_the_language_s_date_pattern() {
    let site = TestSite::new()
        .file("site.yaml", &format!("{SITE_YAML}language: ja\n"))
        .paper(
            "a",
            "A",
            "2020",
            "citations: { value: 10, source: Google Scholar, as_of: 2026-11-01 }\n",
        )
        .paper(
            "b",
            "B",
            "2021",
            "citations: { value: 4, source: Google Scholar, as_of: late 2026 }\n",
        );
    site.build();
    let a = site.output("papers/a/index.html");
    assert!(a.contains("(Google Scholar, 2026年11月1日時点)"), "{a}");
    let b = site.output("papers/b/index.html");
    assert!(b.contains("(Google Scholar, late 2026時点)"), "{b}");
}

// Enumerations without "and" (a CV's advisors and courses, a collection's
// list field) use the language's separator: 、 in Japanese, ، in Arabic.
#[test]
fn enumerations_use_the_language_s_separator() {
    for (language, advisors, platforms) in [
        ("en", "Augustus De Morgan, Mary Somerville", "Linux, macOS"),
        ("ja", "Augustus De Morgan、Mary Somerville", "Linux、macOS"),
        ("ar", "Augustus De Morgan، Mary Somerville", "Linux، macOS"),
    ] {
        let site = TestSite::new()
            .file(
                "site.yaml",
                &format!(
                    "{SITE_YAML}language: {language}\ncollections:\n  software:\n    title: Software\n    fields:\n      platforms: list\n"
                ),
            )
            .file(
                "cv.yaml",
                "education:\n  - degree: Tutoring\n    institution: Home\n    start: 1830\n    \
                 advisors: [Augustus De Morgan, Mary Somerville]\n",
            )
            .file(
                "software/tool.yaml",
                "title: Tool\nplatforms: [Linux, macOS]\n",
            );
        site.build();
        let cv = site.output("cv/index.html");
        assert!(cv.contains(advisors), "{language}: {cv}");
        let tool = site.output("software/tool/index.html");
        assert!(tool.contains(platforms), "{language}: {tool}");
    }
}
