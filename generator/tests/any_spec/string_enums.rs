//! Behaviour of the generated string enums: known values, unknown values kept, names of
//! awkward values, query parameters through `Display`.

use string_enums_client::types::{Order, OrderSize, Status};

#[test]
fn known_and_unknown_values_round_trip() {
    let order: Order =
        serde_json::from_str(r#"{"status": "approved", "size": "2x"}"#).expect("decodes");
    assert_eq!(order.status, Some(Status::Approved));
    assert_eq!(order.size, Some(OrderSize::V2x));
    let new_value: Status = serde_json::from_str(r#""returned""#).expect("decodes");
    assert_eq!(new_value, Status::Unknown("returned".to_owned()));
    assert_eq!(serde_json::to_string(&new_value).expect("encodes"), r#""returned""#);
}

#[test]
fn awkward_values_have_their_own_variants() {
    assert_eq!(OrderSize::from(""), OrderSize::Empty);
    assert_eq!(OrderSize::from("unknown"), OrderSize::UnknownValue);
    assert_eq!(OrderSize::from("self").as_str(), "self");
    assert_eq!(OrderSize::from("a-b").as_str(), "a-b");
    assert_eq!(OrderSize::from("a_b").as_str(), "a_b");
    assert_eq!(OrderSize::from("ünïcode").as_str(), "ünïcode");
    assert_eq!(Status::default(), Status::Placed);
    assert_eq!(Status::Delivered.to_string(), "delivered");
}

#[test]
fn a_nullable_enum_field_accepts_null() {
    let order: Order = serde_json::from_str(r#"{"size": null}"#).expect("decodes");
    assert_eq!(order.size, None);
}
