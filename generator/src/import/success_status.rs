//! The successful status of an operation whose page lists none, from the page's own evidence
//! first and the service's general status code page after it; guessing from the method is the
//! last resort, and always reported.
//!
//! In order:
//! 1. a status line in the page's example responses (`STATUS CODE 204`, `HTTP/1.1 201
//!    Created`);
//! 2. "2xx" in the page's prose ("If a 2xx status code is returned, for example, 200, 202, or
//!    204"): any successful status, a `2XX` range response;
//! 3. the conventions the general status code page states ("the normal response code for the
//!    POST operation of the OpenStack Neutron API"), the one whose words fit the page most
//!    narrowly;
//! 4. the general page's successful statuses: the one it lists, or, where it lists several
//!    without saying which answers what, any of them (`2XX`);
//! 5. the method (200, or 204 for a DELETE without a body), noted as assumed.

use crate::doc_model::{DocBlock, DocPage};
use crate::import::sections::{section_role, SectionRole};
use crate::import::styles::status_code_page::StatusCodePage;

/// The `responses` key that stands for every successful status (`2XX`): the first digit of the
/// range. No HTTP status is a single digit, so it never meets a real one.
pub const SUCCESS_RANGE: u16 = 2;

/// Whether a `responses` key is a successful status or the successful range.
pub fn is_success(status: u16) -> bool {
    (200..300).contains(&status) || status == SUCCESS_RANGE
}

/// What the evidence says the successful status is, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuccessEvidence {
    /// One status, with the sentence the summary gives for it.
    Status { status: u16, reason: String },
    /// Any successful status: the `2XX` range.
    Range { reason: String },
    /// Nothing on the page or the general page says: assumed from the method.
    Assumed { status: u16 },
}

/// What a page and its service say of an operation's successful status. `method` is lower
/// case; `general` are the general status code pages that apply (the one the page refers to,
/// else the service's only one with successful statuses).
pub fn success_evidence(
    page: &DocPage,
    method: &str,
    request_path: &str,
    has_success_body: bool,
    general: Option<(&str, &StatusCodePage)>,
) -> SuccessEvidence {
    if let Some(status) = status_line_in_examples(page) {
        return SuccessEvidence::Status {
            status,
            reason: format!("the page's example response shows status {status}"),
        };
    }
    if says_any_2xx(page) {
        return SuccessEvidence::Range {
            reason: "the page says a 2xx status code is returned".to_owned(),
        };
    }
    if let Some((file_name, general)) = general {
        let context = page_words(page, request_path);
        let mut fitting: Vec<(usize, u16)> = general
            .conventions
            .iter()
            .filter(|convention| convention.methods.iter().any(|known| known == method))
            .filter(|convention| {
                convention
                    .qualifier
                    .iter()
                    .all(|word| context.iter().any(|known| known == word))
            })
            .map(|convention| (convention.qualifier.len(), convention.status))
            .collect();
        // The most narrowly stated convention wins ("POST of the OpenStack Neutron API" over
        // "GET, PUT, and POST").
        fitting.sort_by_key(|(words, _)| std::cmp::Reverse(*words));
        // Between equally narrow conventions, a body decides for or against 204 ("200 … when a
        // response body is returned for the POST operation", "204 … when no response body is
        // returned").
        let narrowest_words = fitting.first().map(|(words, _)| *words);
        let mut tied: Vec<u16> = fitting
            .iter()
            .filter(|(words, _)| Some(*words) == narrowest_words)
            .map(|(_, status)| *status)
            .collect();
        tied.sort_unstable();
        tied.dedup();
        if tied.len() == 2 && tied.contains(&204) {
            tied.retain(|status| (*status == 204) != has_success_body);
        }
        if let (Some(narrowest), [status]) = (narrowest_words, tied.as_slice()) {
            let status = *status;
            {
                return SuccessEvidence::Status {
                    status,
                    reason: format!(
                        "the general status code page {file_name} says {status} answers {} requests{}",
                        method.to_ascii_uppercase(),
                        if narrowest > 0 { " of this API" } else { "" }
                    ),
                };
            }
        }
        let successes: Vec<u16> = general
            .success_statuses()
            .into_iter()
            .filter(|status| *status != 204 || !has_success_body)
            .collect();
        match successes.as_slice() {
            [only] => {
                return SuccessEvidence::Status {
                    status: *only,
                    reason: format!(
                        "the general status code page {file_name} lists {only} as the successful status"
                    ),
                }
            }
            [] => {}
            several => {
                let listed: Vec<String> = several.iter().map(u16::to_string).collect();
                return SuccessEvidence::Range {
                    reason: format!(
                        "the general status code page {file_name} lists {} as successful without saying which answers this request",
                        listed.join(", ")
                    ),
                };
            }
        }
    }
    let status = if has_success_body || method != "delete" {
        200
    } else {
        204
    };
    SuccessEvidence::Assumed { status }
}

/// A successful status shown by a status line in the page's example responses: `STATUS CODE
/// 204`, `HTTP/1.1 201 Created`.
fn status_line_in_examples(page: &DocPage) -> Option<u16> {
    page.sections
        .iter()
        .filter(|section| {
            matches!(
                section_role(&section.title),
                SectionRole::Response | SectionRole::ExampleResponse | SectionRole::Examples
            )
        })
        .flat_map(|section| &section.blocks)
        .filter_map(|block| match block {
            DocBlock::Preformatted(text) => Some(text),
            _ => None,
        })
        .flat_map(|text| text.lines())
        .find_map(|line| {
            let upper = line.trim().to_ascii_uppercase();
            let upper = upper
                .trim_start_matches("NONE")
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')');
            let rest = upper
                .strip_prefix("STATUS CODE")
                .or_else(|| upper.strip_prefix("HTTP/1.1"))
                .or_else(|| upper.strip_prefix("HTTP/1.0"))?;
            let digits: String = rest
                .trim_start_matches([':', ' '])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits
                .parse()
                .ok()
                .filter(|status| (200..300).contains(status))
        })
}

/// Whether the page's prose says that any 2xx status may answer ("If a 2xx status code is
/// returned").
fn says_any_2xx(page: &DocPage) -> bool {
    page.sections
        .iter()
        .flat_map(|section| &section.blocks)
        .any(|block| match block {
            DocBlock::Paragraph(line) => line
                .text
                .split(|character: char| !character.is_ascii_alphanumeric())
                .any(|word| word.eq_ignore_ascii_case("2xx")),
            _ => false,
        })
}

/// The words a general page's qualifier is compared with: the page's file name and folders,
/// its title and its request path, lower case.
fn page_words(page: &DocPage, request_path: &str) -> Vec<String> {
    [page.file_name.as_str(), page.title.as_str(), request_path]
        .iter()
        .flat_map(|text| {
            text.split(|character: char| !character.is_ascii_alphanumeric())
                .filter(|word| !word.is_empty())
                .map(str::to_ascii_lowercase)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::styles::status_code_page::read_status_code_page;
    use crate::import::styles::test_support::parse_page;

    /// VPC's appendix (an excerpt): the conventions of its normal status codes.
    const VPC_STATUS_CODES: &str = r#"Status Codes
============

.. table:: **Table 1** Normal values

   ==================== ========== =======================================================================================
   Normal Response Code Type       Description
   ==================== ========== =======================================================================================
   200                  OK         Specifies the normal response code for the GET, PUT, and POST operations.
   201                  Created    Specifies the normal response code for the POST operation of the OpenStack Neutron API.
   202                  Accepted   Specifies the normal response to the pre-check request of the V3 API.
   204                  No Content Specifies the normal response code for the DELETE operation.
   ==================== ========== =======================================================================================
"#;

    fn page(file_name: &str, text: &str) -> DocPage {
        parse_page(file_name, text)
    }

    #[test]
    fn neutron_creates_answer_201_and_other_posts_200() {
        let (general, _) =
            read_status_code_page(&page("appendix/status_codes.rst", VPC_STATUS_CODES));
        let neutron = page(
            "native_openstack_neutron_apis_v2.0/network/creating_a_network.rst",
            "Creating a Network\n==================\n\nURI\n---\n\nPOST /v2.0/networks\n",
        );
        let evidence = success_evidence(
            &neutron,
            "post",
            "/v2.0/networks",
            true,
            Some(("appendix/status_codes.rst", &general)),
        );
        assert!(
            matches!(evidence, SuccessEvidence::Status { status: 201, .. }),
            "{evidence:?}"
        );
        let vpc_v1 = page(
            "vpc_apis_v1_v2/vpc/creating_a_vpc.rst",
            "Creating a VPC\n==============\n\nURI\n---\n\nPOST /v1/{project_id}/vpcs\n",
        );
        let evidence = success_evidence(
            &vpc_v1,
            "post",
            "/v1/{project_id}/vpcs",
            true,
            Some(("appendix/status_codes.rst", &general)),
        );
        assert!(
            matches!(evidence, SuccessEvidence::Status { status: 200, .. }),
            "{evidence:?}"
        );
        let delete = page(
            "native_openstack_neutron_apis_v2.0/network/deleting_a_network.rst",
            "Deleting a Network\n==================\n\nURI\n---\n\nDELETE /v2.0/networks/{network_id}\n",
        );
        let evidence = success_evidence(
            &delete,
            "delete",
            "/v2.0/networks/{network_id}",
            false,
            Some(("appendix/status_codes.rst", &general)),
        );
        assert!(
            matches!(evidence, SuccessEvidence::Status { status: 204, .. }),
            "{evidence:?}"
        );
    }

    #[test]
    fn a_2xx_sentence_is_the_success_range_and_a_status_line_wins_over_it() {
        let dns = page(
            "apis/zone/creating_a_zone.rst",
            "Creating a Zone\n===============\n\nURI\n---\n\nPOST /v2/zones\n\nReturned Value\n--------------\n\nIf a 2xx status code is returned, for example, 200, 202, or 204, the request is successful.\n",
        );
        assert!(matches!(
            success_evidence(&dns, "post", "/v2/zones", true, None),
            SuccessEvidence::Range { .. }
        ));
        let with_status_line = format!("{}\nResponse\n--------\n\n.. code-block::\n\n   STATUS CODE 202\n", "Creating a Zone\n===============\n\nURI\n---\n\nPOST /v2/zones\n\nIf a 2xx status code is returned, the request is successful.\n");
        let dns = page("apis/zone/creating_a_zone.rst", &with_status_line);
        assert!(matches!(
            success_evidence(&dns, "post", "/v2/zones", true, None),
            SuccessEvidence::Status { status: 202, .. }
        ));
        // A damaged line ("STATUS CODE 2O2") is no status line: nothing else says, so the
        // status is assumed from the method.
        let damaged = page(
            "apis/zone/creating_a_zone.rst",
            "Creating a Zone\n===============\n\nURI\n---\n\nPOST /v2/zones\n\nResponse\n--------\n\n.. code-block::\n\n   STATUS CODE 2O2\n",
        );
        assert_eq!(
            success_evidence(&damaged, "post", "/v2/zones", true, None),
            SuccessEvidence::Assumed { status: 200 }
        );
    }
}
