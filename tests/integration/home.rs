//! Home page sections (`home:` in `site.yaml`): switched on and ordered from
//! the site file, strict names, upcoming and recent talks against the build's
//! "today".

use crate::common::{TODAY, TestSite, single_error};

/// A site with news, a selected paper and talks on both sides of `TODAY`
/// (2026-11-25), with the given `home:` line.
fn site_with_home(home: &str) -> TestSite {
    TestSite::new()
        .file(
            "site.yaml",
            &format!("{}{home}\n", crate::common::SITE_YAML),
        )
        .paper(
            "engine",
            "The Analytical Engine",
            "2024-01-05",
            "selected: true\ntopics: [ML]\n",
        )
        .file("news/n.yaml", "date: 2026-01-02\ntitle: A news item\n")
        .file(
            "talks/past.yaml",
            "title: Past talk\ndate: 2025-03-01\nevent: Old Meeting\n",
        )
        .file(
            "talks/today.yaml",
            "title: Ends today\ndate: 2026-11-24\nend_date: 2026-11-25\n",
        )
        .file(
            "talks/month.yaml",
            "title: Sometime this month\ndate: 2026-11\n",
        )
        .file(
            "talks/future.yaml",
            "title: Future talk\ndate: 2027-02-15\nlocation: { city: Ghent, country: Belgium }\n",
        )
}

/// Where each needle first appears in the home page (panics when absent).
fn positions(site: &TestSite, needles: &[&str]) -> Vec<usize> {
    let home = site.output("index.html");
    needles
        .iter()
        .map(|n| {
            home.find(n)
                .unwrap_or_else(|| panic!("{n} missing:\n{home}"))
        })
        .collect()
}

// The sections appear in the order `home:` lists them, talks split at today:
// a talk is upcoming until its last day has passed.
#[test]
fn home_sections_follow_the_order_in_site_yaml() {
    assert_eq!(TODAY, "2026-11-25");
    let site = site_with_home("home: [upcoming_talks, papers, recent_talks, news]");
    site.build();
    let at = positions(
        &site,
        &[
            "id=\"upcoming-talks-heading\"",
            "id=\"selected-heading\"",
            "id=\"recent-talks-heading\"",
            "id=\"news-heading\"",
        ],
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    let home = site.output("index.html");
    let (upcoming, recent) = home.split_at(at[2]);
    // Soonest first among the upcoming ones (a month without a day sorts
    // before the days of that month).
    let soon =
        ["Sometime this month", "Ends today", "Future talk"].map(|t| upcoming.find(t).unwrap());
    assert!(soon.windows(2).all(|w| w[0] < w[1]), "{soon:?}");
    assert!(
        upcoming.contains(
            "Future talk</a><span class=\"compact-meta\">Ghent, Belgium</span></span></li>"
        )
    );
    assert!(!upcoming.contains("Past talk"));
    assert!(recent.contains("Past talk</a><span class=\"compact-meta\">Old Meeting"));
    assert!(!recent.contains("Future talk"));
    // Topics were not listed: no topic blocks.
    assert!(!home.contains("topics-heading"));
}

// Without `home:` the page shows news, papers and topics, and no talks.
#[test]
fn home_without_sections_shows_news_papers_and_topics() {
    let site = site_with_home("");
    site.build();
    let home = site.output("index.html");
    assert!(home.contains("news-heading") && home.contains("selected-heading"));
    assert!(home.contains("topics-heading"));
    assert!(!home.contains("talks-heading"), "{home}");
}

// A section left out is not shown, in both themes.
#[test]
fn a_section_left_out_is_not_shown_in_either_theme() {
    for theme in ["default", "classic"] {
        let site = site_with_home(&format!("theme: {theme}\nhome: [recent_talks]"));
        site.build();
        let home = site.output("index.html");
        assert!(home.contains("recent-talks-heading"), "{theme}");
        for gone in [
            "news-heading",
            "selected-heading",
            "topics-heading",
            "upcoming-talks",
        ] {
            assert!(!home.contains(gone), "{theme}: {gone}");
        }
    }
}

// A misspelt section is an error at its place, with the closest name.
#[test]
fn unknown_home_section_suggests_the_closest_name() {
    let site = site_with_home("home: [news, upcomming_talks]");
    assert_eq!(
        single_error(site),
        "site.yaml:8:14: error: field `home`: `upcomming_talks` is not a known value\n  hint: did you mean `upcoming_talks`?"
    );
}

// A section listed twice is an error at its second place.
#[test]
fn a_home_section_listed_twice_is_an_error() {
    let site = site_with_home("home:\n  - news\n  - papers\n  - news");
    assert_eq!(
        single_error(site),
        "site.yaml:11:5: error: home: section listed twice\n  hint: list each section once, in the order the home page shows them"
    );
}
