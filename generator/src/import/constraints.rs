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
    /// The same lines read without the forms that only suggest a constraint (a bold list of
    /// values without an introduction, a "Default Value" heading line): what the row falls back
    /// to when a suggested value does not fit the row's type. `None` when no such form was
    /// read.
    pub without_suggestions: Option<Box<DescriptionConstraints>>,
}

/// The line endings that introduce a list of allowed values.
const ENUMERATION_INTRODUCTIONS: [&str; 12] = [
    "enumeration values:",
    "enumerated values:",
    "value options:",
    "options:",
    "the options are as follows:",
    "the value options are as follows:",
    "the value can be:",
    "the values are as follows:",
    "possible values:",
    "values:",
    "value range:",
    "value:",
];

/// Whole-line bold headings of the structured descriptions ("**Definition**", "**Range**",
/// "**Default Value**"), which say what the lines after them are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    /// "Range", "Value range", "Values": the allowed values follow.
    Range,
    /// "Default Value": the default follows.
    Default,
}

fn heading(line: &DocLine) -> Option<Heading> {
    let text = line.text.trim().trim_end_matches(':');
    let emphasis = line
        .leading_emphasis
        .as_deref()?
        .trim()
        .trim_end_matches(':');
    if line.is_list_item || emphasis != text {
        return None;
    }
    match text.to_ascii_lowercase().as_str() {
        "range" | "value range" | "values" | "value options" => Some(Heading::Range),
        "default value" | "default" => Some(Heading::Default),
        _ => None,
    }
}

/// Splits description lines into prose and constraints.
///
/// Only whole lines of the documented forms are consumed; a line that merely mentions a limit
/// stays in the prose, so nothing the docs say is dropped.
pub fn read_description(lines: &[DocLine]) -> DescriptionConstraints {
    let mut constraints = read_description_forms(lines, true, true);
    let suggested = constraints.without_suggestions.take();
    if suggested.is_some() {
        let mut plain = read_description_forms(lines, false, true);
        plain.without_suggestions = None;
        constraints.without_suggestions = Some(Box::new(plain));
    }
    constraints
}

/// The description lines read with no list of values taken as an enumeration: for a row whose
/// type (a free-form object, any value) no enumeration can constrain, where the values stay
/// prose.
pub fn read_description_without_enumerations(lines: &[DocLine]) -> DescriptionConstraints {
    read_description_forms(lines, false, false)
}

fn read_description_forms(
    lines: &[DocLine],
    with_suggestions: bool,
    with_enumerations: bool,
) -> DescriptionConstraints {
    let mut constraints = DescriptionConstraints::default();
    let mut used_suggestion = false;
    let mut kept_lines: Vec<(bool, String)> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        let text = line.text.trim();
        index += 1;
        if with_suggestions {
            match heading(line) {
                Some(Heading::Default) => {
                    let value = lines.get(index).filter(|next| !next.is_list_item);
                    if let Some(value) = value {
                        let value_text = value.text.trim();
                        if !is_no_value(value_text) && constraints.default.is_none() {
                            constraints.default = Some(value_text.to_owned());
                            used_suggestion = true;
                        }
                        kept_lines.push((false, format!("Default value: {value_text}")));
                        index += 1;
                        continue;
                    }
                }
                Some(Heading::Range) => {
                    let items = value_items(&lines[index..], true);
                    if items.len() >= 2 && constraints.enum_values.is_empty() {
                        kept_lines.push((false, format!("{text}:").replace("::", ":")));
                        index += items.len();
                        take_enumeration(&items, &mut constraints, &mut kept_lines);
                        used_suggestion = true;
                        continue;
                    }
                }
                None => {}
            }
        }
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
        }
        if let Some(prose_before) = enumeration_introduction(text).filter(|_| with_enumerations) {
            // After an introduction in running text any list items are the values; after one
            // inside a list item (the last sentence of an item), only the items that start
            // with their value in bold.
            let items = value_items(&lines[index..], line.is_list_item);
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
            let all_values_are_words = items
                .iter()
                .all(|item| is_value_word(&enumeration_item(item).0));
            if !items.is_empty()
                && constraints.enum_values.is_empty()
                && !is_open_list
                && all_values_are_words
            {
                index += items.len();
                if !prose_before.is_empty() {
                    kept_lines.push((line.is_list_item, prose_before.to_owned()));
                }
                take_enumeration(&items, &mut constraints, &mut kept_lines);
                continue;
            }
        }
        // A run of list items that each start with a bold value ("**PER**: dedicated
        // bandwidth"), right after the prose: the allowed values, though nothing introduces
        // them.
        // (Not after an introduction that was just found to open the list: "false or other
        // values: …".)
        if with_suggestions
            && constraints.enum_values.is_empty()
            && !line.is_list_item
            && enumeration_introduction(text).is_none()
        {
            let items = value_items(&lines[index..], true);
            let rest_is_list = index + items.len() == lines.len()
                || lines[index + items.len()..]
                    .first()
                    .is_some_and(|next| !next.is_list_item);
            if items.len() >= 2 && rest_is_list {
                kept_lines.push((false, text.to_owned()));
                if text.to_ascii_lowercase().contains("set to null") {
                    constraints.nullable = true;
                }
                index += items.len();
                take_enumeration(&items, &mut constraints, &mut kept_lines);
                used_suggestion = true;
                continue;
            }
        }
        if text.to_ascii_lowercase().contains("set to null") {
            constraints.nullable = true;
        }
        kept_lines.push((line.is_list_item, text.to_owned()));
    }
    // A list that explains the letters of a format the description gives ("in the format of
    // vX.Y[.Z[-rN]]", then "X: major version", "Y: minor version", …) is a legend, not the
    // values allowed: its items stay in the prose.
    if is_format_legend(&constraints.enum_values, lines) {
        constraints.enum_values.clear();
    }
    constraints.description = join_description_lines(&kept_lines);
    if used_suggestion {
        // A marker only: `read_description` replaces it with the reading without suggestions.
        constraints.without_suggestions = Some(Box::default());
    }
    constraints
}

/// Whether every value of a list is a short upper-case placeholder (`X`, `Y`, `HH`) that one
/// token of the description (a format such as `vX.Y[.Z[-rN]]`) holds, beside characters no
/// value word has.
fn is_format_legend(values: &[String], lines: &[DocLine]) -> bool {
    if values.is_empty()
        || !values.iter().all(|value| {
            value.len() <= 2
                && value
                    .chars()
                    .all(|character| character.is_ascii_uppercase())
        })
    {
        return false;
    }
    lines.iter().any(|line| {
        line.text.split_whitespace().any(|token| {
            let token =
                token.trim_matches(|character: char| matches!(character, ',' | ';' | '"' | '*'));
            token.contains(['[', '.', '-', ':'])
                && values.iter().all(|value| token.contains(value.as_str()))
        })
    })
}

/// The list items at the start of `lines` that can be values: every list item, or with
/// `bold_only` only those starting with their value in bold.
fn value_items(lines: &[DocLine], bold_only: bool) -> Vec<&DocLine> {
    lines
        .iter()
        .take_while(|item| item.is_list_item && (!bold_only || starts_with_bold_value(item)))
        .collect()
}

/// `**PER**: dedicated bandwidth`, `**true**`, `**0**, disabled`: a list item that starts with
/// a bold word.
fn starts_with_bold_value(item: &DocLine) -> bool {
    let Some(emphasis) = item.leading_emphasis.as_deref() else {
        return false;
    };
    let text = item.text.trim();
    let Some(rest) = text.strip_prefix(emphasis.trim()) else {
        return false;
    };
    is_value_word(emphasis.trim())
        && (rest.is_empty() || rest.starts_with([':', ',', ' ', '-', '(', '.']))
}

/// A value is one word: `PER`, `full_amount_migration`, `-1`, `1.5`, `cn-north-1`.
fn is_value_word(value: &str) -> bool {
    !value.is_empty()
        && !value.contains(char::is_whitespace)
        && value
            .chars()
            .all(|character| character.is_alphanumeric() || "_-.:/+*#@".contains(character))
}

/// "N/A", "None", "-": the docs saying there is no default.
fn is_no_value(text: &str) -> bool {
    matches!(
        text.trim()
            .trim_end_matches('.')
            .to_ascii_lowercase()
            .as_str(),
        "n/a" | "none" | "-" | "" | "null" | "no default value"
    )
}

fn take_enumeration(
    items: &[&DocLine],
    constraints: &mut DescriptionConstraints,
    kept_lines: &mut Vec<(bool, String)>,
) {
    for item in items {
        let (value, explanation) = enumeration_item(item);
        if let Some(explanation) = explanation {
            kept_lines.push((true, format!("{value}: {explanation}")));
        }
        if !constraints.enum_values.contains(&value) {
            constraints.enum_values.push(value);
        }
    }
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
    // "Example value:", "Example values:", "For example, the values:": the items after it are
    // examples of the format, not the values allowed.
    if lower
        .split(|character: char| !character.is_ascii_alphanumeric())
        .any(|word| word == "example" || word == "examples")
    {
        return None;
    }
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
            links: Vec::new(),
        }
    }

    fn item(text: &str, emphasis: &str) -> DocLine {
        DocLine {
            text: text.to_owned(),
            is_list_item: true,
            leading_emphasis: Some(emphasis.to_owned()),
            links: Vec::new(),
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
                without_suggestions: None,
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

    /// `migration_method` (DCS, Configuring an Online Data Migration Task): the introduction
    /// ends a list item ("…starts.Options:"), the values are the bold items after it.
    #[test]
    fn an_introduction_at_the_end_of_a_list_item() {
        let mut intro = paragraph(
            "After the full migration is complete, incremental migration starts.Options:",
        );
        intro.is_list_item = true;
        let constraints = read_description(&[
            paragraph("Type of the migration."),
            item(
                "full_amount_migration: full migration",
                "full_amount_migration",
            ),
            intro,
            item(
                "full_amount_migration: full migration",
                "full_amount_migration",
            ),
            item(
                "incremental_migration: incremental migration",
                "incremental_migration",
            ),
        ]);
        assert_eq!(
            constraints.enum_values,
            ["full_amount_migration", "incremental_migration"]
        );
    }

    /// `share_type` (ELB v3, Creating a Load Balancer): bold values right after the prose,
    /// with nothing introducing them, then a note.
    #[test]
    fn a_bold_list_of_values_after_the_description() {
        let constraints = read_description(&[
            paragraph("Specifies the bandwidth type."),
            item("PER: indicates dedicated bandwidth.", "PER"),
            item("WHOLE: indicates shared bandwidth.", "WHOLE"),
            paragraph("Note:"),
            DocLine {
                text: "This parameter is mandatory when id is set to null.".to_owned(),
                is_list_item: true,
                ..DocLine::default()
            },
        ]);
        assert_eq!(constraints.enum_values, ["PER", "WHOLE"]);
        assert!(constraints.without_suggestions.is_some());
        // Read without the suggested form, the values stay prose.
        let plain = constraints.without_suggestions.unwrap();
        assert!(plain.enum_values.is_empty());
        assert!(plain
            .description
            .contains("- PER: indicates dedicated bandwidth."));
    }

    #[test]
    fn values_value_range_and_the_value_can_be() {
        for introduction in [
            "Values:",
            "Value range:",
            "The value options are as follows:",
            "The value can be:",
        ] {
            let constraints = read_description(&[
                paragraph(&format!("Backup type. {introduction}")),
                item("manual: manual backup", "manual"),
                item("auto: automatic backup", "auto"),
            ]);
            assert_eq!(
                constraints.enum_values,
                ["manual", "auto"],
                "{introduction}"
            );
        }
        // Value words only: a list of sentences after "Value range:" is no enumeration.
        let constraints = read_description(&[
            paragraph("Value range:"),
            DocLine {
                text: "1 to 100 for small instances".to_owned(),
                is_list_item: true,
                ..DocLine::default()
            },
        ]);
        assert!(constraints.enum_values.is_empty());
    }

    #[test]
    fn the_structured_default_value_heading() {
        let heading = |text: &str| DocLine {
            text: text.to_owned(),
            leading_emphasis: Some(text.to_owned()),
            ..DocLine::default()
        };
        let constraints = read_description(&[
            heading("Definition"),
            paragraph("Specifies whether to delete the EIP."),
            heading("Range"),
            item("true: the EIP is released.", "true"),
            item("false: the EIP is only unbound.", "false"),
            heading("Default Value"),
            paragraph("false"),
        ]);
        assert_eq!(constraints.enum_values, ["true", "false"]);
        assert_eq!(constraints.default.as_deref(), Some("false"));
    }

    #[test]
    fn an_introduction_without_a_list_stays_prose() {
        let constraints = read_description(&[paragraph("Value options:")]);
        assert!(constraints.enum_values.is_empty());
        assert_eq!(constraints.description, "Value options:");
    }
}
