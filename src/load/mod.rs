//! Stage 1, **load**: walk `content/`, split front matter, parse YAML into the typed model.
//! Every file is read once; every problem is collected (not only the first) with its
//! position. Nothing here knows about other files: cross-file rules live in `check`.

pub mod frontmatter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{hint, msg, Diagnostic, Diagnostics};
use crate::model::*;
use crate::yaml;

/// Where a service belongs: everywhere, a whole region, or one municipality.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    National,
    Region(String),
    Municipality(String),
}

/// A parsed file together with what is needed to point back into it.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    /// Path relative to the site folder.
    pub file: PathBuf,
    /// The YAML text (front matter for markdown), to locate fields found wrong later.
    pub yaml: String,
    /// Line of the file where `yaml` starts (1 for plain YAML files).
    pub first_line: usize,
}

impl<T> Located<T> {
    /// Position of a field in the file, for errors found after parsing.
    pub fn locate(&self, path: &[&str]) -> Option<(usize, usize)> {
        yaml::locate(&self.yaml, path).map(|(l, c)| (l + self.first_line - 1, c))
    }
    pub fn locate_value(&self, value: &str) -> Option<(usize, usize)> {
        yaml::locate_value(&self.yaml, value).map(|(l, c)| (l + self.first_line - 1, c))
    }
    pub fn locate_value_after(&self, anchor: &str, value: &str) -> Option<(usize, usize)> {
        yaml::locate_value_after(&self.yaml, anchor, value)
            .map(|(l, c)| (l + self.first_line - 1, c))
    }
}

/// A markdown document: front matter plus body.
#[derive(Debug, Clone)]
pub struct Doc<F> {
    pub front: Located<F>,
    pub body: String,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

/// A translation of a document into one language.
pub type Translations<F> = BTreeMap<String, Doc<F>>;

#[derive(Debug, Clone)]
pub struct LoadedService {
    pub id: String,
    pub scope: Scope,
    pub doc: Doc<ServiceFront>,
    pub translations: Translations<ServiceTranslationFront>,
}

#[derive(Debug, Clone)]
pub struct LoadedPage {
    pub slug: String,
    pub doc: Doc<PageFront>,
    pub translations: Translations<PageTranslationFront>,
}

/// Everything read from `content/`, not yet cross-checked.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Option<Located<SiteConfig>>,
    /// Interface strings per language code.
    pub i18n: BTreeMap<String, Located<BTreeMap<String, String>>>,
    pub regions: BTreeMap<String, Located<RegionFile>>,
    pub municipalities: BTreeMap<String, Located<MunicipalityFile>>,
    /// Summaries in other languages, by slug and language.
    pub region_translations: BTreeMap<String, BTreeMap<String, Located<PlaceTranslation>>>,
    pub municipality_translations: BTreeMap<String, BTreeMap<String, Located<PlaceTranslation>>>,
    /// The source register, one list per file of `content/sources/`.
    pub sources: Vec<Located<Vec<SourceEntry>>>,
    pub services: Vec<LoadedService>,
    pub pages: Vec<LoadedPage>,
    pub tree: Option<Located<TreeFile>>,
    pub tree_translations: BTreeMap<String, Located<TreeTranslation>>,
    /// `topics.yaml`: the search's topics and their words (see `crate::model::topics`).
    pub topics: Option<Located<Vec<crate::model::topics::TopicFile>>>,
    /// Every file read, for `serve` to know what a page depends on.
    pub files: Vec<PathBuf>,
    /// The [`crate::write::hash_bytes`] of each file in `files`, in the same order: what
    /// `build` compares with the last build to render only the pages an edit touches.
    pub file_hashes: Vec<u64>,
}

/// Reads the content folder of the site at `site_dir`.
pub fn load(site_dir: &Path) -> (Loaded, Diagnostics) {
    let mut loader = Loader {
        site_dir: site_dir.to_path_buf(),
        out: Loaded::default(),
        diags: Diagnostics::default(),
    };
    let content = site_dir.join("content");
    if !content.is_dir() {
        loader.diags.push(
            Diagnostic::error(rel(site_dir, &content), msg::no_content_folder())
                .hint(hint::run_in_site_folder()),
        );
        return (loader.out, loader.diags);
    }
    // 1. Walk (in name order, so results do not depend on the file system) and decide what
    //    each file is. 2. Read and parse the files in parallel, each on its own. 3. Put the
    //    results together in walk order, so messages and indices are stable.
    let mut jobs: Vec<(PathBuf, Job)> = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .follow_links(false);
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let p = err.path().map(|p| rel(site_dir, p)).unwrap_or_default();
                loader
                    .diags
                    .push(Diagnostic::error(p, msg::cannot_read(err)));
                continue;
            }
        };
        if entry.file_type().is_symlink() {
            // Not followed (a link can point anywhere on the disk), and not dropped without
            // a word: the service or page it stands for would be missing from the site.
            let name = entry.file_name().to_string_lossy();
            if !name.starts_with('.') {
                loader.diags.push(
                    Diagnostic::error(rel(site_dir, entry.path()), msg::symbolic_link())
                        .hint(hint::replace_link()),
                );
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let relpath = path.strip_prefix(&content).unwrap_or(&path).to_path_buf();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") || name.ends_with('~') {
            continue;
        }
        let parts: Vec<String> = relpath
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let (stem, lang, ext) = split_name(&name);
        let lang = lang.map(str::to_string);
        let job = match (parts.as_slice(), ext) {
            (["site.yaml"], _) => Job::Config,
            (["sources", _], "yaml") => Job::Sources,
            (["i18n", _], "yaml") => Job::I18n(name.trim_end_matches(".yaml").to_string()),
            (["tree.yaml"], _) => Job::Tree,
            (["topics.yaml"], _) => Job::Topics,
            ([_], "yaml") if stem == "tree" && lang.is_some() => {
                Job::TreeTranslation(lang.unwrap_or_default())
            }
            (["regions", region, "region.yaml"], _) => {
                if !loader.slug_ok(&path, region) {
                    continue;
                }
                Job::Region(region.to_string())
            }
            (["regions", region, _], "yaml") if stem == "region" && lang.is_some() => {
                Job::PlaceTranslation(true, region.to_string(), lang.unwrap_or_default())
            }
            (["municipalities", m, _], "yaml") if stem == "municipality" && lang.is_some() => {
                Job::PlaceTranslation(false, m.to_string(), lang.unwrap_or_default())
            }
            (["municipalities", m, "municipality.yaml"], _) => {
                if !loader.slug_ok(&path, m) {
                    continue;
                }
                Job::Municipality(m.to_string())
            }
            (["national", _], "md")
            | (["regions", _, _], "md")
            | (["municipalities", _, _], "md") => {
                let scope = match parts[0] {
                    "national" => Scope::National,
                    "regions" => Scope::Region(parts[1].to_string()),
                    _ => Scope::Municipality(parts[1].to_string()),
                };
                if !loader.slug_ok(&path, stem) {
                    continue;
                }
                Job::Service(stem.to_string(), scope, lang)
            }
            (["pages", _], "md") => {
                if !loader.slug_ok(&path, stem) {
                    continue;
                }
                Job::Page(stem.to_string(), lang)
            }
            _ => {
                loader.diags.push(
                    Diagnostic::warning(rel(site_dir, &path), msg::file_not_used())
                        .hint(hint::see_readme_for_files()),
                );
                continue;
            }
        };
        jobs.push((path, job));
    }

    // Per job: what it parsed, the files it read with their hashes, its problems.
    type Read = (Vec<PathBuf>, Vec<u64>);
    let parsed: Vec<(Parsed, Read, Diagnostics)> = jobs
        .par_iter()
        .map(|(path, job)| {
            let mut one = Loader {
                site_dir: site_dir.to_path_buf(),
                out: Loaded::default(),
                diags: Diagnostics::default(),
            };
            let parsed = match job {
                Job::Config => Parsed::Config(one.yaml_file(path)),
                Job::I18n(_) => Parsed::I18n(one.yaml_file(path)),
                Job::Tree => Parsed::Tree(one.yaml_file(path)),
                Job::Topics => Parsed::Topics(one.yaml_file(path)),
                Job::TreeTranslation(_) => Parsed::TreeTranslation(one.yaml_file(path)),
                Job::Region(_) => Parsed::Region(one.yaml_file(path)),
                Job::Municipality(_) => Parsed::Municipality(one.yaml_file(path)),
                Job::PlaceTranslation(..) => Parsed::PlaceTranslation(one.yaml_file(path)),
                Job::Sources => Parsed::Sources(one.yaml_file(path)),
                Job::Service(_, _, None) => Parsed::Service(one.doc(path)),
                Job::Service(_, _, Some(_)) => Parsed::ServiceTranslation(one.doc(path)),
                Job::Page(_, None) => Parsed::Page(one.doc(path)),
                Job::Page(_, Some(_)) => Parsed::PageTranslation(one.doc(path)),
            };
            (parsed, (one.out.files, one.out.file_hashes), one.diags)
        })
        .collect();

    let mut service_translations: Vec<(
        PathBuf,
        String,
        String,
        Scope,
        Doc<ServiceTranslationFront>,
    )> = Vec::new();
    let mut page_translations: Vec<(PathBuf, String, String, Doc<PageTranslationFront>)> =
        Vec::new();
    for ((path, job), (parsed, (files, hashes), diags)) in jobs.into_iter().zip(parsed) {
        loader.out.files.extend(files);
        loader.out.file_hashes.extend(hashes);
        loader.diags.extend(diags);
        match (job, parsed) {
            (Job::Config, Parsed::Config(f)) => loader.out.config = f,
            (Job::I18n(name), Parsed::I18n(Some(f))) => {
                loader.out.i18n.insert(name, f);
            }
            (Job::Tree, Parsed::Tree(f)) => loader.out.tree = f,
            (Job::Topics, Parsed::Topics(f)) => loader.out.topics = f,
            (Job::TreeTranslation(lang), Parsed::TreeTranslation(Some(f))) => {
                loader.out.tree_translations.insert(lang, f);
            }
            (Job::Region(slug), Parsed::Region(Some(f))) => {
                loader.out.regions.insert(slug, f);
            }
            (Job::Municipality(slug), Parsed::Municipality(Some(f))) => {
                loader.out.municipalities.insert(slug, f);
            }
            (Job::PlaceTranslation(region, slug, lang), Parsed::PlaceTranslation(Some(f))) => {
                let to = if region {
                    &mut loader.out.region_translations
                } else {
                    &mut loader.out.municipality_translations
                };
                to.entry(slug).or_default().insert(lang, f);
            }
            (Job::Sources, Parsed::Sources(Some(f))) => loader.out.sources.push(f),
            (Job::Service(id, scope, None), Parsed::Service(Some(doc))) => {
                loader.out.services.push(LoadedService {
                    id,
                    scope,
                    doc,
                    translations: BTreeMap::new(),
                });
            }
            (Job::Service(id, scope, Some(lang)), Parsed::ServiceTranslation(Some(doc))) => {
                service_translations.push((path, id, lang, scope, doc));
            }
            (Job::Page(slug, None), Parsed::Page(Some(doc))) => {
                loader.out.pages.push(LoadedPage {
                    slug,
                    doc,
                    translations: BTreeMap::new(),
                });
            }
            (Job::Page(slug, Some(lang)), Parsed::PageTranslation(Some(doc))) => {
                page_translations.push((path, slug, lang, doc));
            }
            _ => {} // the file did not parse; its problems are in `diags`
        }
    }

    // Translations attach to their original, which must exist in the same folder.
    // Index the originals once: attaching stays linear in the number of files.
    let by_id: std::collections::HashMap<(&str, &Scope), usize> = loader
        .out
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.id.as_str(), &s.scope), i))
        .collect();
    let mut attach: Vec<(usize, String, Doc<ServiceTranslationFront>)> = Vec::new();
    for (path, id, lang, scope, doc) in service_translations {
        match by_id.get(&(id.as_str(), &scope)) {
            Some(&i) => attach.push((i, lang, doc)),
            None if path.with_file_name(format!("{id}.md")).exists() => {} // the original failed to load; reported there
            None => loader.diags.push(
                Diagnostic::error(rel(site_dir, &path), msg::translation_without_original(&id))
                    .hint(hint::add_original(&id)),
            ),
        }
    }
    drop(by_id);
    for (i, lang, doc) in attach {
        loader.out.services[i].translations.insert(lang, doc);
    }
    for (path, slug, lang, doc) in page_translations {
        match loader.out.pages.iter_mut().find(|p| p.slug == slug) {
            Some(p) => {
                p.translations.insert(lang, doc);
            }
            None if path.with_file_name(format!("{slug}.md")).exists() => {}
            None => loader.diags.push(
                Diagnostic::error(
                    rel(site_dir, &path),
                    msg::translation_without_original(&slug),
                )
                .hint(hint::add_page_original(&slug)),
            ),
        }
    }
    if let Some(c) = &loader.out.config {
        // `build` needs the theme's templates; `check` says so first, at `theme:`.
        let theme = &c.value.theme;
        let dir = site_dir.join("themes").join(theme).join("templates");
        if !dir.is_dir() {
            let known: Vec<String> = std::fs::read_dir(site_dir.join("themes"))
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().join("templates").is_dir())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect();
            // Where it looked, in full: a copy of only content/ has no themes/ beside it,
            // and a relative path does not tell the editor which folder that was.
            let looked = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
            let message = if known.is_empty() || theme == "default" {
                msg::theme_templates_missing(theme, looked.display())
            } else {
                msg::theme_does_not_exist(theme, rel(site_dir, &dir).display())
            };
            loader.diags.push(
                Diagnostic::error(&c.file, message)
                    .at_opt(c.locate(&["theme"]).or(Some((1, 1))))
                    .field("theme")
                    .hint(if known.is_empty() {
                        hint::copy_themes()
                    } else {
                        hint::themes_here(known.join(", "))
                    }),
            );
        }
    }
    if loader.out.config.is_none() && !loader.diags.errors().any(|d| d.file.ends_with("site.yaml"))
    {
        loader.diags.push(
            Diagnostic::error("content/site.yaml", msg::site_yaml_missing())
                .hint(hint::create_site_yaml()),
        );
    }
    (loader.out, loader.diags)
}

/// A service file read on its own: the original, or a translation into a language.
/// One at a time, briefly: boxing the larger variant would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum ServiceFile {
    Original(Doc<ServiceFront>),
    Translation(String, Doc<ServiceTranslationFront>),
}

/// Reads and parses one service file (path relative to the site folder) as [`load`] does,
/// for `serve` after an edit. `None` when it has any problem: the full load then reports it.
pub fn service_file(site_dir: &Path, file: &Path) -> Option<ServiceFile> {
    let name = file.file_name()?.to_string_lossy().to_string();
    let (_, lang, ext) = split_name(&name);
    if ext != "md" {
        return None;
    }
    let mut one = Loader {
        site_dir: site_dir.to_path_buf(),
        out: Loaded::default(),
        diags: Diagnostics::default(),
    };
    let path = site_dir.join(file);
    // A link is reported by the full load; the fast path leaves it to that.
    if std::fs::symlink_metadata(&path)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    let parsed = match lang {
        None => one.doc(&path).map(ServiceFile::Original),
        Some(l) => one
            .doc(&path)
            .map(|d| ServiceFile::Translation(l.to_string(), d)),
    };
    parsed.filter(|_| !one.diags.has_errors())
}

/// What a content file is, decided from its place and name before it is read.
enum Job {
    Config,
    I18n(String),
    Tree,
    Topics,
    TreeTranslation(String),
    Region(String),
    Municipality(String),
    /// `region.<lang>.yaml` (true) or `municipality.<lang>.yaml`: slug, language.
    PlaceTranslation(bool, String, String),
    Sources,
    /// id, scope, language of a translation.
    Service(String, Scope, Option<String>),
    /// slug, language of a translation.
    Page(String, Option<String>),
}

/// A file read and parsed on its own (`None`: it did not parse; see its diagnostics).
/// Short-lived, one per file: boxing the large variants would only add noise.
#[allow(clippy::large_enum_variant)]
enum Parsed {
    Config(Option<Located<SiteConfig>>),
    I18n(Option<Located<BTreeMap<String, String>>>),
    Tree(Option<Located<TreeFile>>),
    Topics(Option<Located<Vec<crate::model::topics::TopicFile>>>),
    TreeTranslation(Option<Located<TreeTranslation>>),
    Region(Option<Located<RegionFile>>),
    Municipality(Option<Located<MunicipalityFile>>),
    PlaceTranslation(Option<Located<PlaceTranslation>>),
    Sources(Option<Located<Vec<SourceEntry>>>),
    Service(Option<Doc<ServiceFront>>),
    ServiceTranslation(Option<Doc<ServiceTranslationFront>>),
    Page(Option<Doc<PageFront>>),
    PageTranslation(Option<Doc<PageTranslationFront>>),
}

/// `nachtopvang.en.md` → ("nachtopvang", Some("en"), "md").
fn split_name(name: &str) -> (&str, Option<&str>, &str) {
    let (base, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    match base.rsplit_once('.') {
        Some((stem, lang))
            if (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase()) =>
        {
            (stem, Some(lang), ext)
        }
        _ => (base, None, ext),
    }
}

/// `path` relative to the site folder, for messages.
pub fn rel(site_dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(site_dir).unwrap_or(path).to_path_buf()
}

/// Slugs become URL segments: lower-case letters, digits and dashes only.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

struct Loader {
    site_dir: PathBuf,
    out: Loaded,
    diags: Diagnostics,
}

impl Loader {
    fn slug_ok(&mut self, path: &Path, slug: &str) -> bool {
        if is_slug(slug) {
            return true;
        }
        self.diags.push(
            Diagnostic::error(rel(&self.site_dir, path), msg::name_not_for_web(slug))
                .hint(hint::rename_slug()),
        );
        false
    }

    /// Reads a file as UTF-8 text; reports where the first invalid byte is.
    fn read(&mut self, path: &Path) -> Option<String> {
        let file = rel(&self.site_dir, path);
        self.out.files.push(file.clone());
        let bytes = std::fs::read(path);
        // A file that cannot be read still has a hash: the build fails on it anyway.
        let hash = bytes.as_ref().map_or(0, |b| crate::write::hash_bytes(b));
        self.out.file_hashes.push(hash);
        let bytes = match bytes {
            Ok(b) => b,
            Err(err) => {
                self.diags
                    .push(Diagnostic::error(file, msg::cannot_read_file(err)));
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => {
                self.diags.push(
                    Diagnostic::error(file, msg::file_empty())
                        .at(1, 1)
                        .hint(hint::fill_or_delete()),
                );
                None
            }
            Ok(text) => {
                // A byte-order mark (Notepad saves one) is not part of the text: left in,
                // it would be the first character of the first YAML key.
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_string(),
                    None => text,
                };
                if let Some(at) = text.find('\0') {
                    let before = &text[..at];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    self.diags.push(
                        Diagnostic::error(file, msg::nul_character())
                            .at(line, col)
                            .hint(hint::delete_invisible()),
                    );
                    return None;
                }
                Some(text)
            }
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let before = &err.as_bytes()[..valid];
                let line = before.iter().filter(|b| **b == b'\n').count() + 1;
                let col = valid
                    - before
                        .iter()
                        .rposition(|b| *b == b'\n')
                        .map_or(0, |p| p + 1)
                    + 1;
                self.diags.push(
                    Diagnostic::error(file, msg::not_utf8())
                        .at(line, col)
                        .hint(hint::save_as_utf8()),
                );
                None
            }
        }
    }

    fn parse<T: DeserializeOwned>(
        &mut self,
        path: &Path,
        yaml_text: &str,
        first_line: usize,
    ) -> Option<Located<T>> {
        let file = rel(&self.site_dir, path);
        match crate::yaml::all::parse_all_from::<T>(yaml_text, first_line) {
            Ok(value) => Some(Located {
                value,
                file,
                yaml: yaml_text.to_string(),
                first_line,
            }),
            Err(errors) => {
                for e in errors {
                    let mut d = Diagnostic::error(&file, e.message);
                    if let (Some(l), Some(c)) = (e.line, e.column) {
                        d = d.at(l + first_line - 1, c);
                    }
                    if let Some(f) = e.field {
                        d = d.field(f);
                    }
                    if let Some(h) = e.hint {
                        d = d.hint(h);
                    }
                    self.diags.push(d);
                }
                None
            }
        }
    }

    fn yaml_file<T: DeserializeOwned>(&mut self, path: &Path) -> Option<Located<T>> {
        let text = self.read(path)?;
        self.parse(path, &text, 1)
    }

    fn doc<F: DeserializeOwned>(&mut self, path: &Path) -> Option<Doc<F>> {
        let text = self.read(path)?;
        let file = rel(&self.site_dir, path);
        match frontmatter::split(&text) {
            Ok(split) => {
                if split.yaml.trim().is_empty() {
                    self.diags.push(
                        Diagnostic::error(file, msg::front_matter_empty())
                            .at(2, 1)
                            .hint(hint::add_front_matter_fields()),
                    );
                    return None;
                }
                let front = self.parse::<F>(path, split.yaml, split.yaml_first_line)?;
                let body_line = split.yaml_first_line + split.yaml.lines().count() + 1;
                Some(Doc {
                    front,
                    body: split.body.to_string(),
                    body_line,
                })
            }
            Err(frontmatter::SplitError::NoFrontMatter) => {
                self.diags.push(
                    Diagnostic::error(file, msg::no_front_matter())
                        .at(1, 1)
                        .hint(hint::front_matter_shape()),
                );
                None
            }
            Err(frontmatter::SplitError::NeverClosed) => {
                self.diags.push(
                    Diagnostic::error(file, msg::front_matter_not_closed())
                        .at(1, 1)
                        .hint(hint::close_front_matter()),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_stem_language_and_extension() {
        assert_eq!(split_name("nachtopvang.md"), ("nachtopvang", None, "md"));
        assert_eq!(
            split_name("nachtopvang.en.md"),
            ("nachtopvang", Some("en"), "md")
        );
        assert_eq!(split_name("tree.ar.yaml"), ("tree", Some("ar"), "yaml"));
        assert_eq!(
            split_name("113-zelfmoordpreventie.md"),
            ("113-zelfmoordpreventie", None, "md")
        );
    }

    #[test]
    fn slugs() {
        assert!(is_slug("hendrik-ido-ambacht"));
        assert!(!is_slug("Hendrik Ido"));
        assert!(!is_slug("-x"));
    }
}
