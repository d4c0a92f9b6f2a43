//! Search by topic: the words people type for a need ("nachtopvang", "schulden", "debt"),
//! per language, from `content/topics.yaml`. The search page loads a small topic index and,
//! for a matched topic, one file listing that topic's services per region, so a query
//! without a place finds help everywhere without loading every region's shard. Each topic
//! also gets a static page per language (`/<lang>/onderwerp/<slug>/`) for readers without
//! a script and for a link a social worker can send.

pub mod topics;

pub use topics::{Topic, TopicFile};
