//! Names close to what was typed: the rule that keeps a typo in a palette from creating a
//! near-duplicate tag, actor or event.
//!
//! A name is *close* to a query when, ignoring case and diacritics ([`super::fold`]), it
//! contains the query, or the two differ by at most one edit (insertion, deletion, substitution
//! or transposition of neighbours) for queries of up to five letters and at most two for longer
//! ones ("Thraet" → "Threat", "Ceasfire" → "Ceasefire"). The palettes put close names first and
//! make creating a new one an explicit choice when any exists.

use super::fold;

/// The edits allowed between a query of `len` chars and a close name.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The optimal-string-alignment distance between two char sequences (Levenshtein plus
/// transposition of neighbours), or `None` once it exceeds `limit`.
pub fn edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows.first_mut().into_iter().flatten().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut row_min = usize::MAX;
        for j in 0..width {
            let value = if j == 0 {
                i
            } else {
                let cost = usize::from(a.get(i - 1) != b.get(j - 1));
                let up = rows[i - 1][j] + 1;
                let left = rows[i][j - 1] + 1;
                let diag = rows[i - 1][j - 1] + cost;
                let mut best = up.min(left).min(diag);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    best = best.min(rows[i - 2][j - 2] + 1);
                }
                best
            };
            rows[i][j] = value;
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return None;
        }
    }
    rows.last()
        .and_then(|r| r.last())
        .copied()
        .filter(|d| *d <= limit)
}

/// Whether `name` is close to `query` (see the module docs).
pub fn is_close(query: &str, name: &str) -> bool {
    let q = fold(query.trim());
    let n = fold(name.trim());
    if q.is_empty() {
        return false;
    }
    if n.contains(&q) {
        return true;
    }
    let q: Vec<char> = q.chars().collect();
    let n: Vec<char> = n.chars().collect();
    edit_distance(&q, &n, allowed_edits(q.len())).is_some()
}

/// Whether `name` contains `query`, ignoring case and diacritics.
pub fn contains_folded(query: &str, name: &str) -> bool {
    let q = fold(query.trim());
    !q.is_empty() && fold(name).contains(&q)
}

/// The indices of the names close to `query`, closest first (by edits; containing the query
/// counts as none), ties in input order.
pub fn close_names(query: &str, names: &[&str]) -> Vec<usize> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let qc: Vec<char> = q.chars().collect();
    let limit = allowed_edits(qc.len());
    let mut found: Vec<(usize, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let n = fold(name.trim());
            if n.contains(&q) {
                return Some((0, i));
            }
            let nc: Vec<char> = n.chars().collect();
            edit_distance(&qc, &nc, limit).map(|d| (d, i))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, i)| i).collect()
}

/// Words that make a name an organisation ("Ministry of Defence", "Rio Tinto Group" is not one:
/// "group" is its own kind).
const ORGANISATION_WORDS: &[&str] = &[
    "ministry",
    "agency",
    "party",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "bank",
    "council",
    "committee",
    "commission",
    "union",
    "organisation",
    "organization",
    "office",
    "department",
    "institute",
    "university",
    "court",
    "parliament",
    "army",
    "navy",
    "police",
    "service",
    "foundation",
    "association",
    "federation",
    "fund",
    "nato",
    "un",
    "eu",
    "imf",
    "osce",
    "iaea",
    "who",
    "kremlin",
    "pentagon",
    "министерство",
    "партия",
    "міністерство",
    "ministerium",
    "ministère",
];

/// Words that make a name a group.
const GROUP_WORDS: &[&str] = &[
    "group",
    "movement",
    "militia",
    "brigade",
    "battalion",
    "protesters",
    "activists",
    "residents",
    "farmers",
    "coalition",
    "alliance",
    "network",
    "front",
];

/// Outlets and agencies often linked as actors.
const MEDIA_NAMES: &[&str] = &[
    "reuters",
    "associated press",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "tass",
    "ria novosti",
    "interfax",
    "al jazeera",
    "balkan insight",
    "birn",
    "rts",
    "n1",
    "kyiv independent",
    "ukrinform",
    "meduza",
    "kommersant",
    "коммерсантъ",
    "rferl",
    "radio free europe",
    "bloomberg",
    "financial times",
    "the guardian",
    "new york times",
    "washington post",
    "le monde",
    "der spiegel",
    "dw",
    "deutsche welle",
    "euronews",
];

/// States (and their usual short names) often linked as actors.
const STATE_NAMES: &[&str] = &[
    "russia",
    "ukraine",
    "serbia",
    "united states",
    "usa",
    "us",
    "china",
    "germany",
    "france",
    "united kingdom",
    "uk",
    "britain",
    "poland",
    "belarus",
    "turkey",
    "türkiye",
    "israel",
    "iran",
    "india",
    "japan",
    "italy",
    "spain",
    "hungary",
    "romania",
    "moldova",
    "georgia",
    "kosovo",
    "bosnia and herzegovina",
    "croatia",
    "montenegro",
    "north macedonia",
    "albania",
    "bulgaria",
    "saudi arabia",
    "qatar",
    "united arab emirates",
    "uae",
    "egypt",
    "syria",
    "north korea",
    "south korea",
    "canada",
    "mexico",
    "brazil",
    "россия",
    "украина",
    "україна",
    "сербия",
    "србија",
    "deutschland",
    "russland",
];

/// The kind an actor with this name most likely is: a state, an outlet, a group or an
/// organisation when the name is (or contains a word) on a small list, else a person.
///
/// Limitations: a guess from lists, in the languages of the sample corpora; the palette shows
/// the kind it will use, `#kind` after the name overrides it, and it stays editable.
pub fn guess_actor_kind(name: &str) -> crate::model::ActorKind {
    use crate::model::ActorKind;
    let folded = fold(name.trim());
    let bare = folded.trim_start_matches("the ").trim();
    if STATE_NAMES.contains(&bare) {
        return ActorKind::State;
    }
    if MEDIA_NAMES.contains(&bare) {
        return ActorKind::Media;
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| GROUP_WORDS.contains(w)) {
        return ActorKind::Group;
    }
    if words.iter().any(|w| ORGANISATION_WORDS.contains(w)) {
        return ActorKind::Organisation;
    }
    ActorKind::Person
}

/// Splits a trailing `#kind` off an actor palette query ("Rio Tinto #org" → organisation): the
/// first kind whose label starts with the word after `#`. `None` when there is none or it names
/// no kind.
pub fn split_kind(query: &str) -> (&str, Option<crate::model::ActorKind>) {
    if let Some((name, word)) = query.rsplit_once('#') {
        let word = word.trim().to_lowercase();
        if word.is_empty() {
            return (name.trim_end(), None);
        }
        if let Some(kind) = crate::model::ActorKind::ALL
            .into_iter()
            .find(|k| k.label().starts_with(&word))
        {
            return (name.trim_end(), Some(kind));
        }
    }
    (query, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;

    #[test]
    fn actor_kinds_are_guessed_from_small_lists_and_chosen_with_a_suffix() {
        assert_eq!(guess_actor_kind("Serbia"), ActorKind::State);
        assert_eq!(guess_actor_kind("the United States"), ActorKind::State);
        assert_eq!(guess_actor_kind("Reuters"), ActorKind::Media);
        assert_eq!(
            guess_actor_kind("Ministry of Mining"),
            ActorKind::Organisation
        );
        assert_eq!(guess_actor_kind("Ne damo Jadar movement"), ActorKind::Group);
        assert_eq!(guess_actor_kind("Aleksandar Vučić"), ActorKind::Person);
        assert_eq!(
            split_kind("Rio Tinto #org"),
            ("Rio Tinto", Some(ActorKind::Organisation))
        );
        assert_eq!(split_kind("Rio Tinto #"), ("Rio Tinto", None));
        assert_eq!(split_kind("C#"), ("C", None));
        assert_eq!(split_kind("Putin"), ("Putin", None));
    }

    #[test]
    fn typos_are_close_and_other_words_are_not() {
        assert!(is_close("Thraet", "Threat"));
        assert!(is_close("ceasfire", "Ceasefire"));
        assert!(is_close("clam", "Claim"));
        assert!(is_close("zelensky", "Zelenskyy"));
        assert!(is_close("societe", "Société"));
        assert!(is_close("aid", "Humanitarian aid"));
        assert!(!is_close("Sanctions", "Threat"));
        assert!(!is_close("ab", "Aid"));
        assert!(!is_close("", "Aid"));
    }

    #[test]
    fn closest_first() {
        let names = ["Threats", "Threat", "Treaty", "Claim"];
        assert_eq!(close_names("Thraet", &names), vec![1, 0]);
        assert_eq!(close_names("threat", &names), vec![0, 1, 2]);
        assert_eq!(edit_distance(&['a', 'b'], &['b', 'a'], 1), Some(1));
        assert_eq!(edit_distance(&['a'], &['a', 'b', 'c', 'd'], 2), None);
    }
}
