//! Behaviour of nullable fields and maps: a required nullable reference accepts `null` and is
//! sent as `null` (a required member is never left out), the members no property names land in
//! the flattened map, free-form objects stay whole.

use nullable_and_maps_client::types::Settings;

#[test]
fn nullable_required_fields_and_additional_members() {
    let json = serde_json::json!({
        "owner": null,
        "limit": null,
        "labels": {"a": "b"},
        "counters": {"x": {"count": 2}},
        "free_form": {"anything": [1, 2]},
        "extra": 5
    });
    let settings: Settings = serde_json::from_value(json).expect("decodes");
    assert_eq!(settings.owner, None);
    assert_eq!(settings.labels.get("a").map(String::as_str), Some("b"));
    assert_eq!(settings.counters.as_ref().and_then(|counters| counters["x"].count), Some(2));
    assert_eq!(settings.additional_properties.get("extra"), Some(&5));
    let encoded = serde_json::to_value(&settings).expect("encodes");
    assert_eq!(encoded["extra"], 5);
    assert_eq!(encoded["free_form"], serde_json::json!({"anything": [1, 2]}));
    let members = encoded.as_object().expect("an object");
    assert_eq!(members.get("owner"), Some(&serde_json::Value::Null));
    assert_eq!(members.get("limit"), Some(&serde_json::Value::Null));
}
