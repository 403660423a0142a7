//! Constraint lines in description cells ("Minimum: 1", "Default: true", "Enumeration
//! values:" lists, "is set to null") and the description text that remains once they are read.

use crate::doc_model::DocLine;

/// What a description cell says, split into prose and the constraints it states.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescriptionConstraints {
    /// The description without the consumed constraint lines.
    pub description: String,
    pub minimum: Option<String>,
    pub maximum: Option<String>,
    pub default: Option<String>,
    pub enum_values: Vec<String>,
    /// The docs say the field is (or may be) set to null.
    pub nullable: bool,
}

/// The line endings that introduce a list of allowed values.
const ENUMERATION_INTRODUCTIONS: [&str; 4] = [
    "enumeration values:",
    "value options:",
    "options:",
    "the options are as follows:",
];

/// Splits description lines into prose and constraints.
///
/// Only whole lines of the documented forms are consumed; a line that merely mentions a limit
/// stays in the prose, so nothing the docs say is dropped.
pub fn read_description(lines: &[DocLine]) -> DescriptionConstraints {
    let mut constraints = DescriptionConstraints::default();
    let mut kept_lines: Vec<(bool, String)> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        let text = line.text.trim();
        index += 1;
        if !line.is_list_item {
            if let Some(value) = labelled_value(text, "Minimum") {
                if is_number(value) {
                    constraints.minimum = Some(value.to_owned());
                    continue;
                }
            }
            if let Some(value) = labelled_value(text, "Maximum") {
                if is_number(value) {
                    constraints.maximum = Some(value.to_owned());
                    continue;
                }
            }
            if let Some(value) = labelled_value(text, "Default") {
                if !value.is_empty() && constraints.default.is_none() {
                    constraints.default = Some(value.to_owned());
                    continue;
                }
            }
            if let Some(prose_before) = enumeration_introduction(text) {
                let items: Vec<&DocLine> = lines[index..]
                    .iter()
                    .take_while(|item| item.is_list_item)
                    .collect();
                // "false or other values: …" opens the list: the values are examples, not an
                // enumeration, so the items stay prose.
                let is_open_list = items.iter().any(|item| {
                    let (_, explanation) = enumeration_item(item);
                    explanation.is_some_and(|explanation| {
                        let explanation = explanation.to_ascii_lowercase();
                        explanation.starts_with("or other values")
                            || explanation.starts_with("or any other value")
                    })
                });
                if !items.is_empty() && constraints.enum_values.is_empty() && !is_open_list {
                    index += items.len();
                    if !prose_before.is_empty() {
                        kept_lines.push((false, prose_before.to_owned()));
                    }
                    for item in items {
                        let (value, explanation) = enumeration_item(item);
                        if let Some(explanation) = explanation {
                            kept_lines.push((true, format!("{value}: {explanation}")));
                        }
                        constraints.enum_values.push(value);
                    }
                    continue;
                }
            }
        }
        if text.to_ascii_lowercase().contains("set to null") {
            constraints.nullable = true;
        }
        kept_lines.push((line.is_list_item, text.to_owned()));
    }
    constraints.description = join_description_lines(&kept_lines);
    constraints
}

/// Joins lines into Markdown-ish text: paragraphs separated by blank lines, consecutive list
/// items by single line breaks.
fn join_description_lines(lines: &[(bool, String)]) -> String {
    let mut description = String::new();
    let mut previous_was_list_item = false;
    for (position, (is_list_item, text)) in lines.iter().enumerate() {
        if position > 0 {
            description.push_str(if *is_list_item && previous_was_list_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        if *is_list_item {
            description.push_str("- ");
        }
        description.push_str(text);
        previous_was_list_item = *is_list_item;
    }
    description
}

/// `Minimum: 1` → `1` for the label `Minimum`.
fn labelled_value<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let rest = text.get(..label.len())?;
    if !rest.eq_ignore_ascii_case(label) {
        return None;
    }
    let value = text[label.len()..].trim_start().strip_prefix(':')?;
    Some(value.trim())
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.parse::<f64>().is_ok()
}

/// When the line ends by introducing a list of values, the prose before that introduction.
fn enumeration_introduction(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    ENUMERATION_INTRODUCTIONS.iter().find_map(|introduction| {
        lower
            .ends_with(introduction)
            .then(|| text[..text.len() - introduction.len()].trim())
    })
}

/// One enumeration list item: its value (the emphasized lead, or the text before a colon) and
/// the explanation after it, if any.
fn enumeration_item(item: &DocLine) -> (String, Option<String>) {
    let text = item.text.trim();
    let value = match &item.leading_emphasis {
        Some(emphasis) if text.starts_with(emphasis.as_str()) => emphasis.trim().to_owned(),
        _ => match text.split_once(": ") {
            Some((value, _)) => value.trim().to_owned(),
            None => text.to_owned(),
        },
    };
    let rest = text[value.len().min(text.len())..]
        .trim_start()
        .trim_start_matches([':', '-', ','])
        .trim();
    let explanation = (!rest.is_empty()).then(|| rest.to_owned());
    (value, explanation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> DocLine {
        DocLine {
            text: text.to_owned(),
            is_list_item: false,
            leading_emphasis: None,
        }
    }

    fn item(text: &str, emphasis: &str) -> DocLine {
        DocLine {
            text: text.to_owned(),
            is_list_item: true,
            leading_emphasis: Some(emphasis.to_owned()),
        }
    }

    #[test]
    fn limits_defaults_and_null_notes_are_read() {
        let constraints = read_description(&[
            paragraph("Extended error information. This parameter is set to null."),
            paragraph("Maximum: 1024"),
            paragraph("Minimum: 0"),
            paragraph("Default: true"),
        ]);
        assert_eq!(
            constraints,
            DescriptionConstraints {
                description: "Extended error information. This parameter is set to null."
                    .to_owned(),
                minimum: Some("0".to_owned()),
                maximum: Some("1024".to_owned()),
                default: Some("true".to_owned()),
                enum_values: Vec::new(),
                nullable: true,
            }
        );
    }

    #[test]
    fn enumerations_keep_explanations_in_the_prose() {
        let constraints = read_description(&[
            paragraph("Job status. Enumeration values:"),
            item("INIT", "INIT"),
            item("modifyJob: modifying the job", "modifyJob"),
            paragraph("Maximum: around ten"),
        ]);
        assert_eq!(constraints.enum_values, ["INIT", "modifyJob"]);
        assert_eq!(
            constraints.description,
            "Job status.\n\n- modifyJob: modifying the job\n\nMaximum: around ten"
        );
        assert_eq!(constraints.maximum, None);
    }

    #[test]
    fn a_list_with_other_values_is_no_enumeration() {
        let constraints = read_description(&[
            paragraph("Whether to delete failed instances. Options:"),
            item("true: delete them.", "true"),
            item("false or other values: delete the listed ones.", "false"),
        ]);
        assert!(constraints.enum_values.is_empty());
        assert_eq!(
            constraints.description,
            "Whether to delete failed instances. Options:\n\n- true: delete them.\n- false or other values: delete the listed ones."
        );
    }

    #[test]
    fn an_introduction_without_a_list_stays_prose() {
        let constraints = read_description(&[paragraph("Value options:")]);
        assert!(constraints.enum_values.is_empty());
        assert_eq!(constraints.description, "Value options:");
    }
}
