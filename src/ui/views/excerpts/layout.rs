//! Which columns of the excerpts table show and how wide they start: the quote always shows and
//! takes what is left; the others start at their natural width when the view is wide enough and
//! give way towards their least width when it is not (at 1024×700 the centre is about 550 points,
//! where the natural widths left the quote off the edge).

use super::SortColumn;

/// The columns shown (the quote always is), as a bit set over [`SortColumn::ALL`]; remembered
/// between runs with the other settings, as the hidden columns' names (so a new column shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColumnSet(u16);

impl serde::Serialize for ColumnSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hidden: Vec<&str> = (SortColumn::ALL.into_iter())
            .filter(|c| !self.shows(*c))
            .map(SortColumn::title)
            .collect();
        hidden.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for ColumnSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// The names, or anything else (a damaged value shows every column rather than losing
        /// the other settings with it).
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Names(Vec<String>),
            Other(serde::de::IgnoredAny),
        }
        let hidden = match Stored::deserialize(deserializer)? {
            Stored::Names(names) => names,
            Stored::Other(_) => Vec::new(),
        };
        let mut set = Self::default();
        // Names no column has any more are passed over.
        for column in SortColumn::ALL {
            if hidden.iter().any(|h| h == column.title()) {
                set.set(column, false);
            }
        }
        Ok(set)
    }
}

impl Default for ColumnSet {
    fn default() -> Self {
        Self(u16::MAX)
    }
}

impl ColumnSet {
    fn bit(column: SortColumn) -> u16 {
        let i = SortColumn::ALL
            .iter()
            .position(|c| *c == column)
            .unwrap_or(0);
        1 << i
    }

    /// Whether `column` shows.
    pub fn shows(self, column: SortColumn) -> bool {
        column == SortColumn::Quote || self.0 & Self::bit(column) != 0
    }

    /// Shows or hides `column` (the quote cannot be hidden).
    pub fn set(&mut self, column: SortColumn, shown: bool) {
        if shown {
            self.0 |= Self::bit(column);
        } else if column != SortColumn::Quote {
            self.0 &= !Self::bit(column);
        }
    }

    /// The shown columns in display order; the quote is last.
    pub fn columns(self) -> Vec<SortColumn> {
        SortColumn::ALL
            .into_iter()
            .filter(|c| self.shows(*c))
            .collect()
    }
}

/// The quote's least width: below it the table scrolls sideways.
pub const QUOTE_LEAST: f32 = 120.0;

/// A column's natural and least widths, in points.
pub fn widths_of(column: SortColumn) -> (f32, f32) {
    match column {
        SortColumn::Article => (116.0, 60.0),
        SortColumn::Outlet => (70.0, 40.0),
        SortColumn::Reliability => (30.0, 28.0),
        SortColumn::Credibility => (36.0, 30.0),
        // A date cut short says nothing: it keeps its width.
        SortColumn::Date => (76.0, 76.0),
        SortColumn::Tags | SortColumn::Actors | SortColumn::Events => (84.0, 40.0),
        SortColumn::Quote => (240.0, QUOTE_LEAST),
    }
}

/// Whether a column gives way first when the view is narrow: the lists (tags, actors, events)
/// and the outlet read well cut short; the article, the grades and the date less so.
fn gives_way_first(column: SortColumn) -> bool {
    matches!(
        column,
        SortColumn::Outlet | SortColumn::Tags | SortColumn::Actors | SortColumn::Events
    )
}

/// How the shown columns start at a width of `available` points with `spacing` between cells:
/// the starting width of each column but the last (the quote, which takes the rest), and a step
/// 0–4 from least to natural widths (the table keeps resized widths per step, so a much narrower
/// or wider window starts afresh rather than with widths that no longer fit). Short of room, the
/// columns that give way first go from their natural towards their least width, then the others.
pub fn starting_widths(columns: &[SortColumn], available: f32, spacing: f32) -> (Vec<f32>, u8) {
    let fixed = &columns[..columns.len().saturating_sub(1)];
    let sum = |first: bool, natural: bool| -> f32 {
        (fixed.iter())
            .filter(|c| gives_way_first(**c) == first)
            .map(|c| {
                if natural {
                    widths_of(*c).0
                } else {
                    widths_of(*c).1
                }
            })
            .sum()
    };
    let (first_natural, first_least) = (sum(true, true), sum(true, false));
    let (rest_natural, rest_least) = (sum(false, true), sum(false, false));
    let spare = available - spacing * columns.len() as f32 - widths_of(SortColumn::Quote).0;
    // How far each tier stands between its least (0) and natural (1) widths.
    let share = |room: f32, natural: f32, least: f32| {
        if natural <= least {
            1.0
        } else {
            ((room - least) / (natural - least)).clamp(0.0, 1.0)
        }
    };
    let first = share(spare - rest_natural, first_natural, first_least);
    let rest = share(spare - first_least, rest_natural, rest_least);
    let widths: Vec<f32> = (fixed.iter())
        .map(|c| {
            let (n, l) = widths_of(*c);
            let t = if gives_way_first(*c) { first } else { rest };
            (l + (n - l) * t).round()
        })
        .collect();
    let (natural, least) = (first_natural + rest_natural, first_least + rest_least);
    let overall = share(widths.iter().sum(), natural, least);
    (widths, (overall * 4.0).round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quote_always_shows_and_comes_last() {
        let mut set = ColumnSet::default();
        assert_eq!(set.columns(), SortColumn::ALL.to_vec());
        set.set(SortColumn::Quote, false);
        set.set(SortColumn::Actors, false);
        set.set(SortColumn::Events, false);
        assert!(set.shows(SortColumn::Quote));
        assert!(!set.shows(SortColumn::Actors));
        assert_eq!(set.columns().last(), Some(&SortColumn::Quote));
        assert_eq!(set.columns().len(), SortColumn::ALL.len() - 2);
        set.set(SortColumn::Actors, true);
        assert!(set.shows(SortColumn::Actors));
    }

    #[test]
    fn the_hidden_columns_are_remembered_by_name() {
        let mut set = ColumnSet::default();
        set.set(SortColumn::Actors, false);
        set.set(SortColumn::Reliability, false);
        let text = ron::to_string(&set).expect("writes");
        assert_eq!(text, r#"["Rel.","Actors"]"#);
        let back: ColumnSet = ron::from_str(&text).expect("reads");
        assert_eq!(back, set);
        // An unknown name (a column since renamed) is passed over; the quote cannot be hidden.
        let odd: ColumnSet = ron::from_str(r#"["Quote","Gone","Tags"]"#).expect("reads");
        assert!(odd.shows(SortColumn::Quote) && !odd.shows(SortColumn::Tags));
        assert_eq!(odd.columns().len(), SortColumn::ALL.len() - 1);
        // A damaged value shows every column; the settings around it still read.
        let damaged: ColumnSet = ron::from_str("42").expect("reads");
        assert_eq!(damaged, ColumnSet::default());
        let settings: crate::ui::files::Settings =
            ron::from_str(r#"(analyst: "Ana", excerpt_columns: {"x": 1})"#).expect("reads");
        assert_eq!(settings.analyst, "Ana");
        assert_eq!(settings.excerpt_columns, ColumnSet::default());
    }

    #[test]
    fn narrow_views_give_the_columns_less_and_leave_the_quote_room() {
        let all = SortColumn::ALL.to_vec();
        let spacing = 8.0;
        let total = |widths: &[f32]| widths.iter().sum::<f32>() + spacing * all.len() as f32;
        // Wide: the natural widths, with at least the quote's natural width left.
        let (wide, step) = starting_widths(&all, 1400.0, spacing);
        assert_eq!(step, 4);
        assert_eq!(wide[0], 116.0);
        assert!(1400.0 - total(&wide) >= widths_of(SortColumn::Quote).0);
        // The centre at 1024×700 (about 550 points): least widths, and the quote still fits.
        let (narrow, step) = starting_widths(&all, 550.0, spacing);
        assert_eq!(step, 0);
        assert!(narrow.iter().zip(&all).all(|(w, c)| *w == widths_of(*c).1));
        assert!(550.0 - total(&narrow) >= widths_of(SortColumn::Quote).1);
        // In between: the lists and the outlet give way first, the article keeps its width.
        let (middle, _) = starting_widths(&all, 800.0, spacing);
        let tags = SortColumn::ALL
            .iter()
            .position(|c| *c == SortColumn::Tags)
            .unwrap_or(0);
        assert_eq!(middle[0], wide[0], "the article keeps its width");
        assert!(middle[tags] > narrow[tags] && middle[tags] < wide[tags]);
        // Narrower still, the article gives way too.
        let (smaller, _) = starting_widths(&all, 700.0, spacing);
        assert!(smaller[0] < wide[0] && smaller[0] > narrow[0]);
        assert_eq!(smaller[tags], narrow[tags], "the lists are at their least");
        // Fewer columns leave more for the rest.
        let some = vec![SortColumn::Article, SortColumn::Date, SortColumn::Quote];
        let (few, step) = starting_widths(&some, 550.0, spacing);
        assert_eq!(step, 4);
        assert_eq!(few, vec![116.0, 76.0]);
    }
}
