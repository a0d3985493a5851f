//! The loaded content: what the pages, the calendar and the search index
//! read. It knows nothing of them.

use crate::markdown::LinkRef;
use bontot_core::check::Checked;
use bontot_core::model::{FrontMatter, Glossary, Site};
use std::hash::BuildHasher;
use std::path::PathBuf;

/// A plan once loaded. Every citation's `anchor` (front matter and rules)
/// has been resolved to the id of the exact paragraph that holds the quote.
pub struct Plan {
    pub slug: String,
    /// Position in the sorted list of plan files: the plan's page number
    /// in the search index.
    pub index: usize,
    pub path: PathBuf,
    pub fm: FrontMatter,
    /// The calculator's rule set, from `rules/<slug>.toml`, if there is one.
    pub rules: Option<Checked>,
    /// The documents its text lists for its dossier, from
    /// `dossier/<slug>.toml`, if there is one.
    pub dossier: Option<bontot_core::dossier::PlanDossierFile>,
    /// Sorted hashes of every id on the plan page, for checking links to it.
    pub(crate) ids: Vec<u64>,
    pub(crate) links: Vec<LinkRef>,
}

impl Plan {
    /// First year a yearly deadline can fall in: the plan's own date, its
    /// period's start, or its earliest dated basis.
    pub fn first_year(&self) -> Option<u16> {
        self.fm
            .date
            .map(|d| d.year)
            .or_else(|| {
                self.fm
                    .period
                    .as_deref()
                    .and_then(|p| p.get(..4))
                    .and_then(|y| y.parse().ok())
            })
            .or_else(|| {
                self.fm
                    .bases
                    .iter()
                    .filter_map(|b| b.date)
                    .min()
                    .map(|d| d.year + 1)
            })
    }

    pub fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search(&id_hash(id)).is_ok()
    }

    /// Drops what only the plan's own page shows (written by now).
    pub(crate) fn slim(&mut self) {
        let fm = &mut self.fm;
        fm.bases = Vec::new();
        fm.dossier = Vec::new();
        fm.summary = None;
        fm.signer = None;
        fm.source = None;
        fm.place = None;
        fm.targets = Vec::new();
        fm.source_url = None;
        self.links.shrink_to_fit();
    }
}

/// A fixed hasher, so id hashes are the same in every run.
pub(crate) fn id_hash(id: &str) -> u64 {
    std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
        .hash_one(id)
}

/// Everything under `content/`, checked.
pub struct Content {
    pub dir: PathBuf,
    pub site: Site,
    pub glossary: Glossary,
    pub plans: Vec<Plan>,
    /// National rules with their excerpt pages, oldest regime first.
    pub national: Vec<crate::national::National>,
    /// Local meeting-quality frames (`content/frames/`), by id.
    pub frames: Vec<bontot_core::frame::Frame>,
    /// The dossier's document templates (`content/dossier/mau/`), by id.
    pub templates: Vec<bontot_core::dossier::Template>,
    /// What is allowed but probably not meant, e.g. a plan without a rule
    /// set: printed, but the build goes on.
    pub warnings: Vec<crate::problem::Problem>,
}
