//! Every output that is not an HTML page: the search indexes, the regions' Atom feeds, the
//! offline lists, the HSDS export, the sitemaps and robots.txt. Each is made from the
//! checked site (and the rendered views where it shows the same texts as the pages).

pub mod feed;
pub mod hsds;
pub mod offline;
pub mod search;
pub mod sitemap;
pub mod topics;
