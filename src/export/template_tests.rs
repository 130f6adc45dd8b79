//! Every switch of the brief template ([`crate::model::BriefTemplate`]) in every brief writer:
//! a part left out is gone from the Markdown, the HTML and the outline the DOCX and PDF are made
//! from, the rest of the brief stays; python-docx and pdftotext still read the documents.

use super::brief::Brief;
use super::brief_tests::{check_docx_against, poppler, read_docx, scripts_project, squeeze};
use super::*;
use crate::model::AgreementCoders;

fn example() -> Project {
    crate::example::example_project().expect("the example loads")
}

fn without(parts: &[Part]) -> BriefTemplate {
    let mut t = BriefTemplate::default();
    for p in parts {
        t.set_included(*p, false);
    }
    t
}

fn text(project: &Project, format: Format, template: &BriefTemplate) -> String {
    let options = ExportOptions::from_template(template, format);
    let bytes = export_with(project, &ExcerptQuery::all(), format, &options).expect("exports");
    String::from_utf8(bytes).expect("UTF-8")
}

/// The Markdown and HTML of `project` with every part and without `part`.
fn both_ways(project: &Project, part: Part) -> [(String, String); 2] {
    let all = BriefTemplate::default();
    let less = without(&[part]);
    [
        (
            text(project, Format::Md, &all),
            text(project, Format::Md, &less),
        ),
        (
            text(project, Format::Html, &all),
            text(project, Format::Html, &less),
        ),
    ]
}

fn outline(project: &Project, template: &BriefTemplate) -> Brief {
    Brief::build_with(project, &ExcerptQuery::all(), template)
}

/// The quotes of a brief's outline, which no switch removes.
fn quotes(brief: &Brief) -> Vec<String> {
    (brief.sections.iter())
        .flat_map(|s| &s.items)
        .flat_map(|i| i.paragraphs.clone())
        .collect()
}

fn table_titles(brief: &Brief) -> Vec<String> {
    brief.tables.iter().map(|t| t.title.clone()).collect()
}

#[test]
fn without_notes_no_note_is_written_and_every_quote_stays() {
    let project = example();
    let [(md, md_less), (html, html_less)] = both_ways(&project, Part::Notes);
    assert!(md.contains("*Note:*"), "the example has notes");
    assert!(!md_less.contains("*Note:*"), "{md_less}");
    assert!(html.contains("<p class=\"note\">"));
    assert!(!html_less.contains("<p class=\"note\">"));
    let all = outline(&project, &BriefTemplate::default());
    let less = outline(&project, &without(&[Part::Notes]));
    assert!(
        all.sections
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| !i.note.is_empty())
    );
    assert!(
        less.sections
            .iter()
            .flat_map(|s| &s.items)
            .all(|i| i.note.is_empty())
    );
    assert_eq!(quotes(&all), quotes(&less));
    assert_eq!(
        md.matches("\n> ").count(),
        md_less.matches("\n> ").count(),
        "the same quotes"
    );
}

#[test]
fn without_claims_no_claims_or_grade_line_and_no_source_grades_table() {
    let project = example();
    let [(md, md_less), (html, html_less)] = both_ways(&project, Part::Claims);
    assert!(md.contains("Claims: ") && md.contains("Grade: "));
    assert!(!md_less.contains("Claims: ") && !md_less.contains("Grade: "));
    assert!(md_less.contains("Tags: "), "the rest of the line stays");
    assert!(html.contains("class=\"claims\"") && html.contains("class=\"grade\""));
    assert!(!html_less.contains("class=\"claims\"") && !html_less.contains("class=\"grade\""));
    assert!(md.contains("\n## Source grades\n") && !md_less.contains("## Source grades"));
    assert!(html.contains("class=\"table grades\"") && !html_less.contains("Source grades"));
    let all = outline(&project, &BriefTemplate::default());
    let less = outline(&project, &without(&[Part::Claims]));
    assert!(table_titles(&all).contains(&"Source grades".to_owned()));
    assert!(!table_titles(&less).contains(&"Source grades".to_owned()));
    let links = |b: &Brief| -> Vec<String> {
        (b.sections.iter().flat_map(|s| &s.items))
            .map(|i| i.links.clone())
            .collect()
    };
    assert!(links(&all).iter().any(|l| l.contains("Claims: ")));
    assert!(
        links(&less)
            .iter()
            .all(|l| !l.contains("Claims: ") && !l.contains("Grade: "))
    );
}

#[test]
fn without_contested_claims_the_section_and_table_are_gone() {
    let project = example();
    let [(md, md_less), (html, html_less)] = both_ways(&project, Part::Contested);
    assert!(md.contains("## Contested claims"));
    assert!(!md_less.contains("## Contested claims"));
    assert!(html.contains("class=\"contested\""));
    assert!(!html_less.contains("class=\"contested\""));
    assert!(md_less.contains("Claims: "), "the excerpts' claims stay");
    let less = outline(&project, &without(&[Part::Contested]));
    assert!(
        table_titles(&outline(&project, &BriefTemplate::default()))
            .contains(&"Contested claims".to_owned())
    );
    assert!(!table_titles(&less).contains(&"Contested claims".to_owned()));
}

#[test]
fn without_ach_the_ranking_and_matrix_are_gone() {
    let project = example();
    let [(md, md_less), (html, html_less)] = both_ways(&project, Part::Ach);
    assert!(md.contains("## Competing hypotheses") && md.contains("## ACH matrix"));
    assert!(!md_less.contains("## Competing hypotheses") && !md_less.contains("## ACH matrix"));
    assert!(html.contains("class=\"table ach\""));
    assert!(!html_less.contains("class=\"table ach\""));
    let titles = table_titles(&outline(&project, &without(&[Part::Ach])));
    assert!(
        !titles
            .iter()
            .any(|t| t == "ACH matrix" || t == "Competing hypotheses")
    );
    assert!(titles.contains(&"Event cards".to_owned()), "{titles:?}");
}

#[test]
fn without_event_cards_no_brief_has_an_event_table() {
    let project = example();
    let [(md, md_less), (html, html_less)] = both_ways(&project, Part::EventCards);
    assert!(md.contains("\n## Event cards\n") && !md_less.contains("## Event cards"));
    assert!(html.contains("class=\"table events\"") && !html_less.contains("Event cards"));
    assert!(
        md_less.contains("## Source grades"),
        "the other tables stay"
    );
    let all = outline(&project, &BriefTemplate::default());
    let less = outline(&project, &without(&[Part::EventCards]));
    assert_eq!(
        table_titles(&all).first().map(String::as_str),
        Some("Event cards")
    );
    assert!(!table_titles(&less).contains(&"Event cards".to_owned()));
    assert_eq!(table_titles(&all).len(), table_titles(&less).len() + 1);
}

#[test]
fn without_the_description_the_briefs_start_with_the_summary() {
    let project = example();
    let first_words = "Who says what about a ceasefire";
    let [(md, md_less), (html, html_less)] = both_ways(&project, Part::Description);
    assert!(md.contains(first_words) && html.contains(first_words));
    assert!(!md_less.contains(first_words) && !html_less.contains(first_words));
    assert!(
        !outline(&project, &BriefTemplate::default())
            .description
            .is_empty()
    );
    assert!(
        outline(&project, &without(&[Part::Description]))
            .description
            .is_empty()
    );
}

#[test]
fn the_template_groups_every_brief() {
    let project = example();
    let by_actor = BriefTemplate {
        group_by: GroupBy::Actor,
        ..BriefTemplate::default()
    };
    assert!(text(&project, Format::Md, &by_actor).contains("grouped by actor"));
    assert!(text(&project, Format::Html, &by_actor).contains("grouped by actor"));
    let brief = outline(&project, &by_actor);
    assert!(
        brief.summary.contains("grouped by actor"),
        "{}",
        brief.summary
    );
    assert_eq!(
        brief,
        Brief::build(&project, &ExcerptQuery::all(), GroupBy::Actor),
        "a template with every part is the brief as before"
    );
}

#[test]
fn the_agreement_appendix_goes_only_where_a_brief_has_one() {
    let template = BriefTemplate {
        agreement: Some(AgreementCoders {
            a: "Ana".into(),
            b: "Ben".into(),
        }),
        omit: vec![Part::Notes],
        ..BriefTemplate::default()
    };
    for format in [Format::Md, Format::Html, Format::Docx, Format::Pdf] {
        let options = ExportOptions::from_template(&template, format);
        assert!(options.check(format).is_ok(), "{format}");
        if ExportOptions::has_agreement_appendix(format) {
            assert_eq!(options.agreement, template.agreement, "{format}");
            assert_eq!(options.template(), template, "{format}");
        } else {
            assert_eq!(options.agreement, None, "{format}");
        }
    }
    assert!(ExportOptions::has_agreement_appendix(Format::Md));
    assert!(ExportOptions::has_agreement_appendix(Format::Html));
    assert_eq!(
        ExportOptions::from_template(&template, Format::Csv),
        ExportOptions::default(),
        "not a brief: nothing of the template"
    );
    let omit = ExportOptions {
        omit: vec![Part::Notes],
        ..ExportOptions::default()
    };
    assert!(matches!(
        omit.check(Format::Json),
        Err(ExportError::OptionNotForFormat { option: "omit", .. })
    ));
}

#[test]
fn python_docx_reads_the_brief_with_parts_left_out() {
    let project = scripts_project();
    let template = BriefTemplate {
        group_by: GroupBy::Doc,
        omit: vec![Part::Notes, Part::Claims, Part::EventCards],
        agreement: None,
    };
    let bytes = text_bytes(&project, Format::Docx, &template);
    let brief = outline(&project, &template);
    assert!(brief.tables.is_empty(), "no event cards, no grades");
    let Some(read) = read_docx(&bytes) else {
        return;
    };
    check_docx_against(&brief, &read);
    let body = read.to_string();
    assert!(
        !body.contains("Кремль подчёркивает"),
        "the note is left out"
    );
    assert!(
        !body.contains("Встреча в Москве\""),
        "no event card: {body}"
    );
}

#[test]
fn pdftotext_finds_the_quotes_but_not_the_notes_left_out() {
    let project = scripts_project();
    let all = text_bytes(&project, Format::Pdf, &BriefTemplate::default());
    let less = text_bytes(&project, Format::Pdf, &without(&[Part::Notes]));
    let (Some(all), Some(less)) = (
        poppler("pdftotext", &all, &["-enc", "UTF-8"]),
        poppler("pdftotext", &less, &["-enc", "UTF-8"]),
    ) else {
        return;
    };
    let (all, less) = (squeeze(&all), squeeze(&less));
    assert!(all.contains("Кремль подчёркивает"), "{all}");
    assert!(!less.contains("Кремль подчёркивает"), "{less}");
    assert!(less.contains("Witkoff met Putin in Moscow."), "{less}");
}

fn text_bytes(project: &Project, format: Format, template: &BriefTemplate) -> Vec<u8> {
    let options = ExportOptions::from_template(template, format);
    export_with(project, &ExcerptQuery::all(), format, &options).expect("exports")
}
