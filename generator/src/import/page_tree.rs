//! The page tree of a doc-exports folder (`CLASS.TXT.json`): which section each page is in.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct PageTreeEntry {
    title: String,
    uri: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    p_code: String,
}

/// Maps each page's file name to the title of its parent section ("Load Balancer",
/// "Listener", …), which becomes the operation's tag.
pub fn section_titles_from_class_txt(
    json_text: &str,
) -> Result<BTreeMap<String, String>, serde_json::Error> {
    let entries: Vec<PageTreeEntry> = serde_json::from_str(json_text)?;
    let title_for_code: BTreeMap<&str, &str> = entries
        .iter()
        .map(|entry| (entry.code.as_str(), entry.title.trim()))
        .collect();
    Ok(entries
        .iter()
        .filter_map(|entry| {
            let parent_title = title_for_code.get(entry.p_code.as_str())?;
            Some((entry.uri.clone(), (*parent_title).to_owned()))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_their_parent_section_title() {
        let titles = section_titles_from_class_txt(
            r#"[{"title":"Load Balancer","uri":"topic_1.html","p_code":"","code":"7"},
                {"title":"Creating a Load Balancer","uri":"CreateLoadBalancer.html","p_code":"7","code":"8"}]"#,
        )
        .expect("valid page tree");
        assert_eq!(
            titles.get("CreateLoadBalancer.html").map(String::as_str),
            Some("Load Balancer")
        );
        assert_eq!(titles.get("topic_1.html"), None);
    }
}
