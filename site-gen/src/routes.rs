//! Every page's path, in one table: the navigation bar, the build and the
//! sitemap all read it, so a page cannot be written under one name and
//! linked or listed under another.

/// The pages with a path of their own. Plan and calculator pages have one
/// per plan: [`plan`], [`calculator`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Home,
    Compare,
    Deadlines,
    Calculators,
    Glossary,
    Search,
    NotFound,
}

/// One row of [`ROUTES`].
pub struct Row {
    pub route: Route,
    /// From the site's top folder, '/'-separated.
    pub path: &'static str,
    /// Its label in the navigation bar, if it is there.
    pub nav: Option<&'static str>,
    /// Listed in `sitemap.xml` (the 404 page is not a page to find).
    pub sitemap: bool,
}

/// In the navigation bar's order.
pub const ROUTES: [Row; 7] = [
    row(Route::Home, "index.html", Some("Trang chủ"), true),
    row(Route::Compare, "so-sanh.html", Some("So sánh"), true),
    row(Route::Deadlines, "thoi-han.html", Some("Thời hạn"), true),
    row(
        Route::Calculators,
        "tu-danh-gia/index.html",
        Some("Tự đánh giá"),
        true,
    ),
    row(Route::Glossary, "thuat-ngu.html", Some("Thuật ngữ"), true),
    row(Route::Search, "tim-kiem.html", None, true),
    row(Route::NotFound, "404.html", None, false),
];

const fn row(route: Route, path: &'static str, nav: Option<&'static str>, sitemap: bool) -> Row {
    Row {
        route,
        path,
        nav,
        sitemap,
    }
}

impl Route {
    pub fn path(self) -> &'static str {
        ROUTES
            .iter()
            .find(|r| r.route == self)
            .map_or("", |r| r.path)
    }
}

/// Every deadline as a calendar file, beside the deadlines page.
pub const CALENDAR: &str = "thoi-han.ics";

/// A plan's page.
pub fn plan(slug: &str) -> String {
    format!("ke-hoach/{slug}.html")
}

/// A plan's calculator page (only for a plan with a rule set).
pub fn calculator(slug: &str) -> String {
    format!("tu-danh-gia/{slug}.html")
}

/// A national regime's excerpt page.
pub fn national(id: &str) -> String {
    format!("van-ban/{id}.html")
}

/// A local meeting-quality frame's page (a blank scoring sheet).
pub fn frame(id: &str) -> String {
    format!("khung/{id}.html")
}

/// A plan's dossier page (its documents, blank, for print).
pub fn dossier(slug: &str) -> String {
    format!("ho-so/{slug}.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_has_one_path_of_its_own() {
        for (i, a) in ROUTES.iter().enumerate() {
            assert_eq!(a.route.path(), a.path);
            for b in &ROUTES[i + 1..] {
                assert_ne!(a.route, b.route);
                assert_ne!(a.path, b.path);
            }
            assert!(a.path.ends_with(".html"), "{}", a.path);
        }
    }
}
