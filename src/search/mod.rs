//! Search by topic: the words people type for a need ("nachtopvang", "schulden", "debt"),
//! per language, from `content/topics.yaml`. The search page loads a small topic index and,
//! for a matched topic, one file listing that topic's services per region, so a query
//! without a place finds help everywhere without loading every region's shard. Each topic
//! also gets a static page per language (`/<lang>/onderwerp/<slug>/`) for readers without
//! a script and for a link a social worker can send.

pub mod topics;

pub use topics::{Topic, TopicFile};

/// URL segment of the topic pages (and, under the search page, of the topic files).
pub const TOPIC_SEGMENT: &str = "onderwerp";

/// `/<lang>/onderwerp/<slug>/`: a topic's static page.
pub fn topic_url(lang: &str, slug: &str) -> String {
    format!("/{lang}/{TOPIC_SEGMENT}/{slug}/")
}

/// `/<lang>/zoeken/onderwerpen.json`: every topic with its words (the search page's
/// topic index).
pub fn topic_index_url(lang: &str) -> String {
    format!("{}onderwerpen.json", crate::plan::search_url(lang))
}

/// `/<lang>/zoeken/onderwerp/<slug>.json`: one topic's services, grouped by region.
pub fn topic_file_url(lang: &str, slug: &str) -> String {
    format!(
        "{}{TOPIC_SEGMENT}/{slug}.json",
        crate::plan::search_url(lang)
    )
}
