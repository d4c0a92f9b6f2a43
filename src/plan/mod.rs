//! Stage 3, **plan**: the list of pages to make. Each entry says where the page goes, in
//! which language, what it shows, and which content files it depends on (for `serve`).
//! Planning is cheap and pure: no file is read or written here.

pub mod flow;
pub mod inputs;

use std::path::PathBuf;

use crate::load::Scope;
use crate::model::Site;
use crate::url::*;

/// What a page shows. Indices point into the `Site` vectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// `/`: every language offered in its own words, and the emergency numbers.
    Landing,
    /// `/404.html`.
    NotFound,
    /// `/<lang>/`: find your municipality.
    Home,
    Region(usize),
    Municipality(usize),
    Service(usize),
    Explainers,
    Explainer(usize),
    /// `/<lang>/offline/`: shown by the service worker when a page is not saved.
    Offline,
    /// `/<lang>/zoeken/`: search with a script; without one, lists of everything.
    Search,
    /// `/<lang>/onderwerp/<slug>/`: one search topic (`site.topics`): its national lines and
    /// the regions that have its services.
    Topic(usize),
    /// `/<lang>/onderwerp/<slug>/<region>/`: a topic's services in one region (topic, region).
    TopicRegion(usize, usize),
    /// `/<lang>/<region>/wat-is-er-veranderd/`: services of a region by date last checked.
    Changes(usize),
    /// A4 print view of a service with a QR code of its page: `<service url>flyer/`.
    ServiceFlyer(usize),
    /// A4 print view of a municipality's front door, tonight's shelters and the national lines.
    MunicipalityFlyer(usize),
    /// One step of the question flow, for a municipality or not yet chosen.
    Flow(FlowStep),
}

/// A step in the flow: the answers given so far and where they led.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowStep {
    pub municipality: Option<usize>,
    /// (question id, option id) chosen so far, in order.
    pub trail: Vec<(String, String)>,
    pub node: FlowNode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowNode {
    Question(String),
    Answer(String),
    /// "In which municipality?", before the question with this id, in a flow started
    /// without a place (see [`crate::plan::flow::unplaced_paths`]).
    Place(String),
}

#[derive(Debug, Clone)]
pub struct PlannedPage {
    /// Site-relative URL, e.g. `/nl/assen/`.
    pub url: String,
    /// Language code; the landing page and 404 use the default language.
    pub lang: String,
    pub kind: PageKind,
}

impl PlannedPage {
    /// Output file inside the output folder, e.g. `nl/assen/index.html`.
    pub fn out_path(&self) -> PathBuf {
        crate::url::out_path(&self.url)
    }
}

/// A flow path without a municipality: the trail and the node it reaches.
pub type FlowPath = (Vec<(String, String)>, FlowNode);

/// Every path through the question flow from the start (the flow is a DAG, checked).
pub fn flow_paths(site: &Site) -> Vec<FlowPath> {
    let mut out = Vec::new();
    let mut stack: Vec<FlowPath> = vec![(Vec::new(), FlowNode::Question(site.tree.start.clone()))];
    while let Some((trail, node)) = stack.pop() {
        if let FlowNode::Question(qid) = &node {
            if let Some(q) = site.question(qid) {
                for o in q.options.iter().rev() {
                    let mut t = trail.clone();
                    t.push((qid.clone(), o.id.clone()));
                    let next = match (&o.next, &o.answer) {
                        (Some(n), _) => FlowNode::Question(n.clone()),
                        (_, Some(a)) => FlowNode::Answer(a.clone()),
                        _ => continue,
                    };
                    stack.push((t, next));
                }
            }
        }
        out.push((trail, node));
    }
    out
}

/// Plans every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<PlannedPage> {
    let default = site.default_language().to_string();
    let mut pages = vec![
        PlannedPage {
            url: "/".into(),
            lang: default.clone(),
            kind: PageKind::Landing,
        },
        PlannedPage {
            url: "/404.html".into(),
            lang: default,
            kind: PageKind::NotFound,
        },
    ];
    let paths = flow_paths(site);
    let regions_of_topic: Vec<Vec<usize>> = (0..site.topics.len())
        .map(|t| topic_regions(site, t))
        .collect();
    let unplaced = crate::plan::flow::unplaced_paths(site);
    for lang in site.languages.iter().map(|l| l.code.as_str()) {
        let page = |url: String, kind: PageKind| PlannedPage {
            url,
            lang: lang.to_string(),
            kind,
        };
        pages.push(page(home_url(lang), PageKind::Home));
        for i in 0..site.regions.len() {
            pages.push(page(region_url(site, lang, i), PageKind::Region(i)));
            pages.push(page(changes_url(site, lang, i), PageKind::Changes(i)));
        }
        for i in 0..site.municipalities.len() {
            pages.push(page(
                municipality_url(site, lang, i),
                PageKind::Municipality(i),
            ));
        }
        for i in 0..site.services.len() {
            pages.push(page(service_url(site, lang, i), PageKind::Service(i)));
            pages.push(page(
                flyer_url(&service_url(site, lang, i)),
                PageKind::ServiceFlyer(i),
            ));
        }
        for i in 0..site.municipalities.len() {
            pages.push(page(
                flyer_url(&municipality_url(site, lang, i)),
                PageKind::MunicipalityFlyer(i),
            ));
        }
        pages.push(page(explainers_url(lang), PageKind::Explainers));
        pages.push(page(offline_url(lang), PageKind::Offline));
        pages.push(page(search_url(lang), PageKind::Search));
        for (i, t) in site.topics.iter().enumerate() {
            pages.push(page(
                crate::url::topic_url(lang, &t.slug),
                PageKind::Topic(i),
            ));
            for &r in &regions_of_topic[i] {
                pages.push(page(
                    crate::url::topic_region_url(lang, &t.slug, &site.regions[r].slug),
                    PageKind::TopicRegion(i, r),
                ));
            }
        }
        for (i, p) in site.pages.iter().enumerate() {
            pages.push(page(explainer_url(lang, &p.slug), PageKind::Explainer(i)));
        }
        for municipality in std::iter::once(None).chain((0..site.municipalities.len()).map(Some)) {
            let paths = if municipality.is_some() {
                &paths
            } else {
                &unplaced
            };
            for (trail, node) in paths {
                pages.push(page(
                    flow_url(site, lang, municipality, trail),
                    PageKind::Flow(FlowStep {
                        municipality,
                        trail: trail.clone(),
                        node: node.clone(),
                    }),
                ));
            }
        }
    }
    pages
}

/// Something a page shows, for knowing what a change touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    Service(usize),
    Region(usize),
    Municipality(usize),
    Explainer(usize),
    /// The question flow and its translations.
    Tree,
    /// The services that answer the flow's answer (index in the tree) in a municipality
    /// (`None`: before one is chosen).
    Matches(Option<usize>, usize),
    /// Every content file (pages that list or sum up the whole site).
    Everything,
}

/// Calls `f` with everything `page` shows, stopping early when `f` returns true; returns
/// whether it did. The one place that says what a page depends on: [`dependencies`] and the
/// incremental rebuild of `serve` both use it. Interface strings, site.yaml and templates
/// affect every page and are not listed.
pub fn visit_dependencies(site: &Site, page: &PlannedPage, f: &mut dyn FnMut(Dep) -> bool) -> bool {
    let scoped = |scope: Scope, f: &mut dyn FnMut(Dep) -> bool| {
        site.scoped(&scope).iter().any(|&i| f(Dep::Service(i)))
    };
    match &page.kind {
        PageKind::Service(i) | PageKind::ServiceFlyer(i) => f(Dep::Service(*i)),
        PageKind::Explainer(i) => f(Dep::Explainer(*i)),
        PageKind::Municipality(m) | PageKind::MunicipalityFlyer(m) => {
            let muni = &site.municipalities[*m];
            f(Dep::Municipality(*m))
                || f(Dep::Region(muni.region))
                || scoped(Scope::Municipality(muni.slug.clone()), f)
                || scoped(Scope::Region(site.regions[muni.region].slug.clone()), f)
                || scoped(Scope::National, f)
        }
        PageKind::Changes(r) => {
            f(Dep::Region(*r))
                || region_services(site, *r)
                    .into_iter()
                    .any(|i| f(Dep::Service(i)))
        }
        PageKind::Region(r) => {
            f(Dep::Region(*r)) || scoped(Scope::Region(site.regions[*r].slug.clone()), f)
        }
        PageKind::Flow(step) => {
            if f(Dep::Tree) {
                return true;
            }
            match &step.node {
                FlowNode::Answer(a) => site
                    .tree
                    .answers
                    .iter()
                    .position(|x| &x.id == a)
                    .is_some_and(|i| f(Dep::Matches(step.municipality, i))),
                FlowNode::Question(_) => false,
                // The picker lists every municipality by name.
                FlowNode::Place(_) => {
                    (0..site.municipalities.len()).any(|m| f(Dep::Municipality(m)))
                }
            }
        }
        PageKind::Landing
        | PageKind::NotFound
        | PageKind::Home
        | PageKind::Explainers
        | PageKind::Offline
        | PageKind::Search
        | PageKind::Topic(_)
        | PageKind::TopicRegion(..) => f(Dep::Everything),
    }
}

/// The content files behind a [`Dep`].
pub fn dep_files(site: &Site, dep: Dep) -> Vec<PathBuf> {
    match dep {
        Dep::Service(i) => {
            let s = &site.services[i];
            std::iter::once(s.doc.front.file.clone())
                .chain(s.translations.values().map(|t| t.front.file.clone()))
                .collect()
        }
        Dep::Explainer(i) => {
            let p = &site.pages[i];
            std::iter::once(p.doc.front.file.clone())
                .chain(p.translations.values().map(|t| t.front.file.clone()))
                .collect()
        }
        Dep::Matches(m, a) => site
            .answering(m, &site.tree.answers[a].needs)
            .flat_map(|i| dep_files(site, Dep::Service(i)))
            .collect(),
        Dep::Municipality(m) => vec![site.municipalities[m].file.clone()],
        Dep::Region(r) => vec![site.regions[r].file.clone()],
        Dep::Tree => std::iter::once(site.tree_file.clone())
            .chain(site.tree_translations.values().map(|t| t.file.clone()))
            .collect(),
        Dep::Everything => site.files.clone(),
    }
}

/// The content files a page depends on (see [`visit_dependencies`]).
pub fn dependencies(site: &Site, page: &PlannedPage) -> Vec<PathBuf> {
    let mut deps = Vec::new();
    visit_dependencies(site, page, &mut |d| {
        deps.extend(dep_files(site, d));
        false
    });
    deps
}

/// What a set of changed files touches in `site`: the services, regions, municipalities
/// and explainers whose files changed, whether the flow did, and which answers in which
/// municipalities show a touched service (worked out once here, not once per page). Flags
/// by index, so asking about a page costs a few array reads.
#[derive(Debug, Default)]
pub struct Touched {
    services: Vec<bool>,
    regions: Vec<bool>,
    municipalities: Vec<bool>,
    explainers: Vec<bool>,
    tree: bool,
    everything: bool,
    /// Per (municipality + 1, or 0 before one is chosen) × answer.
    matches: Vec<bool>,
    answers: usize,
}

impl Touched {
    pub fn new(site: &Site, changed: &[PathBuf]) -> Self {
        let changed: std::collections::HashSet<&PathBuf> = changed.iter().collect();
        let mut deps = Vec::new();
        let mut note = |dep: Dep| {
            if dep_files(site, dep).iter().any(|f| changed.contains(f)) {
                deps.push(dep);
            }
        };
        (0..site.services.len()).for_each(|i| note(Dep::Service(i)));
        (0..site.pages.len()).for_each(|i| note(Dep::Explainer(i)));
        (0..site.regions.len()).for_each(|i| note(Dep::Region(i)));
        (0..site.municipalities.len()).for_each(|i| note(Dep::Municipality(i)));
        note(Dep::Tree);
        let any = !deps.is_empty() || site.files.iter().any(|f| changed.contains(f));
        Self::of(site, &deps, any)
    }

    /// What a change to the files of these services touches.
    pub fn services(site: &Site, services: &[usize]) -> Self {
        let deps: Vec<Dep> = services.iter().map(|&i| Dep::Service(i)).collect();
        Self::of(site, &deps, true)
    }

    fn of(site: &Site, deps: &[Dep], any: bool) -> Self {
        let answers = site.tree.answers.len();
        let mut t = Touched {
            services: vec![false; site.services.len()],
            regions: vec![false; site.regions.len()],
            municipalities: vec![false; site.municipalities.len()],
            explainers: vec![false; site.pages.len()],
            tree: false,
            everything: any,
            matches: vec![false; (site.municipalities.len() + 1) * answers],
            answers,
        };
        for &d in deps {
            match d {
                Dep::Service(i) => t.services[i] = true,
                Dep::Region(i) => t.regions[i] = true,
                Dep::Municipality(i) => t.municipalities[i] = true,
                Dep::Explainer(i) => t.explainers[i] = true,
                Dep::Tree => t.tree = true,
                Dep::Everything => t.everything = true,
                Dep::Matches(..) => {}
            }
        }
        if t.services.contains(&true) {
            let municipalities =
                std::iter::once(None).chain((0..site.municipalities.len()).map(Some));
            for m in municipalities {
                for (a, answer) in site.tree.answers.iter().enumerate() {
                    if site.answering(m, &answer.needs).any(|i| t.services[i]) {
                        let k = t.slot(m, a);
                        t.matches[k] = true;
                    }
                }
            }
        }
        t
    }

    fn slot(&self, m: Option<usize>, a: usize) -> usize {
        m.map_or(0, |m| m + 1) * self.answers + a
    }

    fn contains(&self, d: Dep) -> bool {
        match d {
            Dep::Service(i) => self.services[i],
            Dep::Region(i) => self.regions[i],
            Dep::Municipality(i) => self.municipalities[i],
            Dep::Explainer(i) => self.explainers[i],
            Dep::Tree => self.tree,
            Dep::Everything => self.everything,
            Dep::Matches(m, a) => self.matches[self.slot(m, a)],
        }
    }

    /// What either touches. [`visit_dependencies`] reads only the site's shape (scopes,
    /// members, the flow); what depends on a service's content (the answers it matches) is
    /// in the table made here. So the union of a `Touched` made before an edit and one made
    /// after can be asked about the edited site in one pass.
    pub fn union(mut self, other: &Touched) -> Self {
        let or = |a: &mut Vec<bool>, b: &Vec<bool>| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x |= *y);
        };
        or(&mut self.services, &other.services);
        or(&mut self.regions, &other.regions);
        or(&mut self.municipalities, &other.municipalities);
        or(&mut self.explainers, &other.explainers);
        or(&mut self.matches, &other.matches);
        self.tree |= other.tree;
        self.everything |= other.everything;
        self
    }

    /// Whether `page`, as `site` plans it, shows anything touched.
    pub fn affects(&self, site: &Site, page: &PlannedPage) -> bool {
        visit_dependencies(site, page, &mut |d| self.contains(d))
    }
}

/// The regions with at least one service of topic `t` (their own or their
/// municipalities'), in the site's order: each gets a topic page of its own.
pub fn topic_regions(site: &Site, t: usize) -> Vec<usize> {
    let topic = &site.topics[t];
    (0..site.regions.len())
        .filter(|&r| {
            region_services(site, r)
                .iter()
                .any(|&i| topic.covers(&site.services[i]))
        })
        .collect()
}

/// Every service of a region: its own and those of its member municipalities, newest check
/// first (then by id, so the order is stable).
pub fn region_services(site: &Site, r: usize) -> Vec<usize> {
    let region = &site.regions[r];
    let mut out: Vec<usize> = site.scoped(&Scope::Region(region.slug.clone())).to_vec();
    for &m in &region.members {
        out.extend(site.scoped(&Scope::Municipality(site.municipalities[m].slug.clone())));
    }
    out.sort_by(|&a, &b| {
        let (x, y) = (&site.services[a], &site.services[b]);
        y.doc
            .front
            .value
            .last_checked
            .cmp(&x.doc.front.value.last_checked)
            .then(x.id.cmp(&y.id))
    });
    out
}
