//! The topics index and one page per topic.

use super::context::{TopicCtx, topic_dir};
use super::shared::{Job, Shared};

/// The list of topics.
pub(super) fn index_job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    context.insert("page", &s.page("topics", s.text("topics"), "topics/"));
    Job {
        template: "topics.html",
        path: "topics/index.html".into(),
        context,
    }
}

/// One topic's page with its papers.
pub(super) fn job(s: &Shared, t: &TopicCtx) -> Job {
    let path = topic_dir(t);
    let mut context = tera::Context::new();
    context.insert("page", &s.page("topic", t.name, &path));
    context.insert("topic", t);
    context.insert(
        "papers",
        &s.papers_where(|p| p.topics.iter().any(|k| k == t.key)),
    );
    Job {
        template: "topic.html",
        path: format!("{path}index.html"),
        context,
    }
}
