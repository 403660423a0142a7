//! A service's folder of vendored source files → front ends → importer, with every file
//! accounted for.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::doc_model::DocPage;
use crate::doc_model::SourceLocation;
use crate::front_end::html::parse_html_page;
use crate::front_end::rst::{original_name_field, parse_rst_page};
use crate::import::overrides::Overrides;
use crate::import::page_tree::section_titles_from_class_txt;
use crate::import::{import_service, FailedPage, ImportError, ImportInput, ImportOutcome};
use crate::service_catalog::CatalogService;

/// One file of a source folder, read by the caller (the engine does no file I/O).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the source folder, with `/` separators.
    pub relative_path: String,
    /// The file's contents: text for pages, anything for the other files (images, archives).
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// A file holding text.
    pub fn from_text(relative_path: &str, text: &str) -> SourceFile {
        SourceFile {
            relative_path: relative_path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// The file as text, when it is UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// Which front end reads the file, by its extension; `None` for files that are not pages.
    pub fn page_format(&self) -> Option<PageFormat> {
        let extension = self
            .relative_path
            .rsplit_once('.')
            .map(|(_, extension)| extension.to_ascii_lowercase())?;
        match extension.as_str() {
            "html" | "htm" => Some(PageFormat::Html),
            "rst" => Some(PageFormat::Rst),
            _ => None,
        }
    }
}

/// The two page formats and their front ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    Html,
    Rst,
}

/// The page tree index of a doc-exports folder.
pub const PAGE_TREE_FILE: &str = "CLASS.TXT.json";

/// Imports a source folder: HTML pages through the HTML front end, RST pages through the RST
/// front end, the page tree for tags. Files that are not pages (images, the license, the
/// provenance README, `conf.py`) are listed in the summary as such; a page that cannot be read
/// (not UTF-8, a table whose borders do not close) is a failed page, and the others are still
/// imported.
pub fn import_source_folder(
    service: &CatalogService,
    files: &[SourceFile],
    overrides_text: &str,
) -> ImportOutcome {
    let mut errors = Vec::new();
    let overrides = match Overrides::from_toml(overrides_text) {
        Ok(overrides) => overrides,
        Err(error) => {
            errors.push(ImportError {
                location: SourceLocation::page(&service.overrides),
                message: format!("overrides file is not valid: {error}"),
            });
            Overrides::default()
        }
    };
    // Files are read in file name order, whatever order the caller lists them in, so that the
    // same folder always gives the same spec and summary (the summary's list of other files
    // followed the caller's order; found by the file order property test).
    let mut files: Vec<&SourceFile> = files.iter().collect();
    files.sort_by(|left, right| {
        (&left.relative_path, &left.bytes).cmp(&(&right.relative_path, &right.bytes))
    });
    let mut section_titles = BTreeMap::new();
    let mut other_files = Vec::new();
    let mut unreadable_pages = Vec::new();
    let mut html_copies: Vec<(String, String)> = Vec::new();
    let html_names: Vec<&str> = files
        .iter()
        .filter(|file| file.page_format() == Some(PageFormat::Html))
        .map(|file| file.relative_path.as_str())
        .collect();
    let mut to_parse: Vec<(&SourceFile, PageFormat, &str)> = Vec::new();
    for file in &files {
        let Some(format) = file.page_format() else {
            let is_page_tree = file.relative_path.rsplit('/').next() == Some(PAGE_TREE_FILE);
            match file.text() {
                Some(text) if is_page_tree => match section_titles_from_class_txt(text) {
                    Ok(titles) => section_titles.extend(titles),
                    Err(error) => errors.push(ImportError {
                        location: SourceLocation::page(&file.relative_path),
                        message: format!("page tree is not valid JSON: {error}"),
                    }),
                },
                _ => other_files.push(file.relative_path.clone()),
            }
            continue;
        };
        let Some(text) = file.text() else {
            unreadable_pages.push(FailedPage {
                file_name: file.relative_path.clone(),
                errors: vec![ImportError {
                    location: SourceLocation::page(&file.relative_path),
                    message: "the page is not UTF-8 text".to_owned(),
                }],
            });
            continue;
        };
        // Where the HTML page the RST was converted from is vendored too, the HTML page is the
        // source; the RST copy is only checked against it (see the agreement test).
        if format == PageFormat::Rst {
            if let Some(original) =
                original_name_field(text).filter(|original| html_names.contains(original))
            {
                html_copies.push((file.relative_path.clone(), original.to_owned()));
                continue;
            }
        }
        to_parse.push((file, format, text));
    }
    let mut pages = Vec::new();
    for (file, parsed) in to_parse.iter().zip(parse_pages_in_parallel(&to_parse)) {
        let parsed = parsed.unwrap_or_else(|| parse_page(file.1, &file.0.relative_path, file.2));
        match parsed {
            ParsedPage::Page(page) => pages.push(page),
            ParsedPage::RstError(message) => unreadable_pages.push(FailedPage {
                file_name: file.0.relative_path.clone(),
                errors: vec![ImportError {
                    location: SourceLocation::page(&file.0.relative_path),
                    message,
                }],
            }),
        }
    }
    section_titles.extend(rst_section_titles(&pages));
    let deprecated_pages = pages_under(&pages, &service.deprecated_sources);
    let mut outcome = import_service(ImportInput {
        service,
        pages,
        unreadable_pages,
        section_titles,
        overrides,
        deprecated_pages,
    });
    outcome.summary.other_files = other_files;
    for (rst_copy, html_page) in html_copies {
        outcome.summary.skipped_pages.push((
            rst_copy,
            format!("RST copy of {html_page}, which is vendored and is the source"),
        ));
    }
    outcome.summary.skipped_pages.sort();
    outcome.errors.extend(errors);
    outcome.errors.sort();
    outcome
}

/// The file names of the pages under any of the source path prefixes.
fn pages_under(pages: &[DocPage], prefixes: &[String]) -> BTreeSet<String> {
    pages
        .iter()
        .filter(|page| {
            prefixes
                .iter()
                .any(|prefix| page.file_name.starts_with(prefix.as_str()))
        })
        .map(|page| page.file_name.clone())
        .collect()
}

/// A page parsed ahead of the import loop.
enum ParsedPage {
    Page(DocPage),
    RstError(String),
}

fn parse_page(format: PageFormat, file_name: &str, text: &str) -> ParsedPage {
    match format {
        PageFormat::Html => ParsedPage::Page(parse_html_page(file_name, text)),
        PageFormat::Rst => match parse_rst_page(file_name, text) {
            Ok(page) => ParsedPage::Page(page),
            Err(error) => ParsedPage::RstError(error.to_string()),
        },
    }
}

/// Parses the pages on every core: parsing is most of an import, and the pages are
/// independent. The result is in the order of `to_parse`.
fn parse_pages_in_parallel(
    to_parse: &[(&SourceFile, PageFormat, &str)],
) -> Vec<Option<ParsedPage>> {
    let parse = |(file, format, text): &(&SourceFile, PageFormat, &str)| {
        parse_page(*format, &file.relative_path, text)
    };
    let threads = std::thread::available_parallelism()
        .map(|count| count.get())
        .unwrap_or(1)
        .clamp(1, 8);
    if threads == 1 || to_parse.len() < 2 {
        return to_parse.iter().map(|entry| Some(parse(entry))).collect();
    }
    // Largest pages first, each thread taking the next page when it is free: the pages range
    // from 1 KB to 130 KB, and a fixed split left one core idle while the other parsed the
    // last big pages.
    let mut order: Vec<usize> = (0..to_parse.len()).collect();
    order.sort_by_key(|index| std::cmp::Reverse(to_parse[*index].2.len()));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<ParsedPage>> = Vec::new();
    results.resize_with(to_parse.len(), || None);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (order, next) = (&order, &next);
                scope.spawn(move || {
                    let mut parsed = Vec::new();
                    while let Some(index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        parsed.push((*index, parse(&to_parse[*index])));
                    }
                    parsed
                })
            })
            .collect();
        for handle in handles {
            if let Ok(parsed) = handle.join() {
                for (index, page) in parsed {
                    results[index] = Some(page);
                }
            }
        }
    });
    // A page whose thread panicked is `None`: the caller parses it again, and the panic shows
    // there.
    results
}

/// The spec file's text: a do-not-edit header and the document as YAML, keys in the order the
/// importer inserted them (paths and components sorted), so the same pages give the same bytes.
pub fn spec_yaml(
    service: &CatalogService,
    document: &openapiv3::OpenAPI,
) -> Result<String, serde_yaml::Error> {
    let yaml = yaml_read_alike_by_1_1(&serde_yaml::to_string(document)?);
    Ok(format!(
        "# Generated by `cargo xtask codegen` from spec/{}, do not edit by hand.\n# Corrections go to spec/{}.\n{yaml}",
        service.sources, service.overrides
    ))
}

/// serde_yaml writes YAML 1.2, where a plain `=` is a string and `1.7e108` a number; YAML 1.1
/// readers (PyYAML, which openapi-spec-validator and many tools use) read the first as a value
/// tag and the second as a string. Such scalars are written as both versions read them alike:
/// `'='` and `1.7e+108`. Strings that look like numbers are quoted by serde_yaml already, so
/// an unquoted number-like value is always a number.
fn yaml_read_alike_by_1_1(yaml: &str) -> String {
    let mut written = String::with_capacity(yaml.len());
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let value_start = match content.trim_start().strip_prefix("- ") {
            Some(rest) => content.len() - rest.len(),
            None => match content.find(": ") {
                Some(colon) => colon + 2,
                None => {
                    written.push_str(line);
                    continue;
                }
            },
        };
        let (head, value) = content.split_at(value_start);
        let replacement = if value == "=" {
            Some("'='".to_owned())
        } else if is_yaml_1_1_timestamp(value) || is_yaml_1_1_sexagesimal(value) {
            Some(format!("'{value}'"))
        } else {
            exponent_with_sign(value)
        };
        match replacement {
            Some(value) => {
                written.push_str(head);
                written.push_str(&value);
                written.push_str(&line[content.len()..]);
            }
            None => written.push_str(line),
        }
    }
    written
}

/// `2014-12-18T17:14:38.000000`, `2014-12-18`: a plain scalar YAML 1.1 reads as a timestamp.
fn is_yaml_1_1_timestamp(value: &str) -> bool {
    let bytes = value.as_bytes();
    let date = bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5].is_ascii_digit()
        && (bytes[6] == b'-' || (bytes[6].is_ascii_digit() && bytes.get(7) == Some(&b'-')));
    // A date, and at most a time and a zone after it.
    date && value.split(' ').count() <= 3
}

/// `1:20`, `190:20:30`: a plain scalar YAML 1.1 reads as a base-60 integer.
fn is_yaml_1_1_sexagesimal(value: &str) -> bool {
    let digits = value.trim_start_matches(['-', '+']);
    digits.contains(':')
        && digits.split(':').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
        })
}

/// `1.7976931348623156e108` → `1.7976931348623156e+108`; `None` for anything else.
fn exponent_with_sign(value: &str) -> Option<String> {
    let (mantissa, exponent) = value.split_once('e')?;
    let mantissa_digits = mantissa.trim_start_matches('-');
    let is_mantissa = !mantissa_digits.is_empty()
        && mantissa_digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && mantissa_digits.chars().filter(|c| *c == '.').count() <= 1;
    let is_exponent = !exponent.is_empty() && exponent.chars().all(|c| c.is_ascii_digit());
    (is_mantissa && is_exponent).then(|| {
        let mantissa = if mantissa.contains('.') {
            mantissa.to_owned()
        } else {
            format!("{mantissa}.0")
        };
        format!("{mantissa}e+{exponent}")
    })
}

/// The section title of each RST page: the title of the `index.rst` in its folder (for an
/// `index.rst` itself, the one in the folder above), which becomes the operation's tag.
fn rst_section_titles(pages: &[DocPage]) -> BTreeMap<String, String> {
    let index_titles: BTreeMap<&str, &str> = pages
        .iter()
        .filter_map(|page| {
            let folder = page.file_name.strip_suffix("index.rst")?;
            Some((folder.trim_end_matches('/'), page.title.as_str()))
        })
        .collect();
    pages
        .iter()
        .filter(|page| page.file_name.ends_with(".rst"))
        .filter_map(|page| {
            let mut folder = page
                .file_name
                .rsplit_once('/')
                .map_or("", |(folder, _)| folder);
            if page.file_name.ends_with("index.rst") {
                folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
            }
            let title = index_titles.get(folder)?;
            Some((page.file_name.clone(), (*title).to_owned()))
        })
        .collect()
}
