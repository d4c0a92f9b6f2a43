//! The validated site: what `check` returns and every later stage reads. Regions,
//! municipalities and services refer to each other by index; the queries below answer
//! "which services help here" for the plan, the views and the data files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::content::*;
use super::sources::Register;
use crate::load::{LoadedPage, LoadedService, Located, Scope};

#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    /// The language's name in itself: "Nederlands", "العربية".
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// Interface strings; keys missing here were reported by `check`.
    pub strings: BTreeMap<String, String>,
    /// Where a text without a translation comes from, in order: the languages of
    /// `fallback:` in site.yaml, then the default language (absent for the default itself).
    pub chain: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub slug: String,
    pub name: String,
    /// Index into `Site::municipalities`.
    pub centrum: usize,
    pub members: Vec<usize>,
    pub summary: Option<String>,
    pub sources: Vec<Citation>,
    pub last_checked: Date,
    pub file: PathBuf,
    /// The summary in other languages.
    pub translations: BTreeMap<String, Located<PlaceTranslation>>,
}

#[derive(Debug, Clone)]
pub struct Municipality {
    pub slug: String,
    pub name: String,
    /// Index into `Site::regions`.
    pub region: usize,
    pub summary: Option<String>,
    /// The municipality's general number and website (the phone is required).
    pub contact: Contact,
    pub address: Option<Address>,
    /// Where the general number was looked for in vain (then a warning, not an error).
    pub phone_not_found: Option<String>,
    pub sources: Vec<Citation>,
    pub file: PathBuf,
    /// The summary in other languages.
    pub translations: BTreeMap<String, Located<PlaceTranslation>>,
}

/// The validated site. Vectors are sorted (regions and municipalities by name, services by
/// id, pages by order) so output is deterministic.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// The source register, by id.
    pub sources: Register,
    pub languages: Vec<Language>,
    pub regions: Vec<Region>,
    pub municipalities: Vec<Municipality>,
    pub services: Vec<LoadedService>,
    pub pages: Vec<LoadedPage>,
    pub tree: TreeFile,
    pub tree_file: PathBuf,
    pub tree_translations: BTreeMap<String, Located<TreeTranslation>>,
    /// The search's topics (`content/topics.yaml`), in file order.
    pub topics: Vec<crate::model::topics::Topic>,
    /// Services per scope, as indices into `services`.
    pub by_scope: HashMap<Scope, Vec<usize>>,
    /// The keys each interface file itself defines (before falling back), per language.
    pub interface_keys: BTreeMap<String, BTreeSet<String>>,
    pub files: Vec<PathBuf>,
    /// Each of `files` with the hash of its bytes as load read them (for the build's
    /// record of what each page was made from: `crate::plan::inputs`).
    pub file_hashes: HashMap<PathBuf, u64>,
}

/// Services that answer a set of needs for one municipality, nearest first.
#[derive(Debug, Default, Clone)]
pub struct Matches {
    pub local: Vec<usize>,
    pub regional: Vec<usize>,
    pub national: Vec<usize>,
}

impl Matches {
    pub fn is_empty(&self) -> bool {
        self.local.is_empty() && self.regional.is_empty() && self.national.is_empty()
    }
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.local
            .iter()
            .chain(&self.regional)
            .chain(&self.national)
            .copied()
    }
}

impl Site {
    pub fn default_language(&self) -> &str {
        &self.config.default_language
    }
    pub fn scoped(&self, scope: &Scope) -> &[usize] {
        self.by_scope.get(scope).map_or(&[], Vec::as_slice)
    }
    /// The same services as [`Site::matching`], in no particular order and without building
    /// lists: for questions like "is there any" or "is this one among them".
    pub fn answering<'s>(
        &'s self,
        m: Option<usize>,
        needs: &'s [Need],
    ) -> impl Iterator<Item = usize> + 's {
        let national = self.scoped(&Scope::National).iter();
        let (local, regional) = match m {
            Some(m) => {
                let muni = &self.municipalities[m];
                (
                    self.scoped(&Scope::Municipality(muni.slug.clone())),
                    self.scoped(&Scope::Region(self.regions[muni.region].slug.clone())),
                )
            }
            None => (&[][..], &[][..]),
        };
        national
            .chain(local)
            .chain(regional)
            .copied()
            .filter(move |&i| self.answers(i, needs))
    }

    /// Whether service `i` answers any of `needs`.
    fn answers(&self, i: usize, needs: &[Need]) -> bool {
        self.services[i]
            .doc
            .front
            .value
            .needs
            .iter()
            .any(|n| needs.contains(n))
    }

    /// Services answering any of `needs`, for municipality `m` (or only national ones).
    pub fn matching(&self, m: Option<usize>, needs: &[Need]) -> Matches {
        let pick = |scope: &Scope| -> Vec<usize> {
            self.scoped(scope)
                .iter()
                .copied()
                .filter(|&i| self.answers(i, needs))
                .collect()
        };
        let mut out = Matches {
            national: pick(&Scope::National),
            ..Matches::default()
        };
        if let Some(m) = m {
            let muni = &self.municipalities[m];
            out.local = pick(&Scope::Municipality(muni.slug.clone()));
            out.regional = pick(&Scope::Region(self.regions[muni.region].slug.clone()));
        }
        // Most specific need first: order by the position of the first need matched.
        let rank = |i: &usize| {
            let own = &self.services[*i].doc.front.value.needs;
            needs
                .iter()
                .position(|n| own.contains(n))
                .unwrap_or(usize::MAX)
        };
        for list in [&mut out.local, &mut out.regional, &mut out.national] {
            list.sort_by_key(|i| (rank(i), self.services[*i].id.clone()));
        }
        out
    }
    /// What an answer of the flow shows for municipality `m`: [`Site::matching`] without the
    /// services that are for someone else than the reader the answer is for.
    pub fn answer_matches(&self, m: Option<usize>, a: &Answer) -> Matches {
        let mut out = self.matching(m, &a.needs);
        if let Some(aud) = &a.audience {
            for list in [&mut out.local, &mut out.regional, &mut out.national] {
                list.retain(|&i| aud.fits(self.services[i].doc.front.value.audience.as_ref()));
            }
        }
        out
    }
    pub fn municipality_index(&self, slug: &str) -> Option<usize> {
        self.municipalities.iter().position(|m| m.slug == slug)
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.tree.questions.iter().find(|q| q.id == id)
    }
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.tree.answers.iter().find(|a| a.id == id)
    }
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }
    /// The languages whose translation a page in `lang` may show, in order: `lang` itself,
    /// then its fallback chain, never the default language (that is the original). Empty
    /// for the default language.
    pub fn translation_languages<'a>(
        &'a self,
        lang: &'a str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        let default = self.default_language();
        let chain = self
            .language(lang)
            .map(|l| l.chain.as_slice())
            .unwrap_or(&[]);
        std::iter::once(lang)
            .chain(chain.iter().map(String::as_str))
            .filter(move |l| *l != default)
    }
    /// Every region's and municipality's summary with its file and translations.
    pub fn place_summaries(&self) -> impl Iterator<Item = PlaceSummaries<'_>> {
        self.regions
            .iter()
            .map(|r| (r.file.as_path(), &r.summary, &r.translations))
            .chain(
                self.municipalities
                    .iter()
                    .map(|m| (m.file.as_path(), &m.summary, &m.translations)),
            )
    }
}

/// A place's file, summary and the summary's translations by language.
pub type PlaceSummaries<'a> = (
    &'a Path,
    &'a Option<String>,
    &'a BTreeMap<String, Located<PlaceTranslation>>,
);
