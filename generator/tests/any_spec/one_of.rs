//! Behaviour of the generated `oneOf`/`anyOf` enums: discriminator dispatch (mapped and
//! implicit values, the property kept in the struct, unknown values kept), untagged order.

use one_of_client::types::{Cat, IdOrName, Pet};

#[test]
fn the_discriminator_picks_the_alternative_and_the_struct_keeps_the_property() {
    let pet: Pet = serde_json::from_str(r#"{"pet_type": "kitten", "lives": 9}"#).expect("decodes");
    // `Cat` is #[non_exhaustive]: built from its default.
    let mut cat = Cat::default();
    cat.pet_type = "kitten".to_owned();
    cat.lives = Some(9);
    assert_eq!(pet, Pet::Cat(cat));
    assert_eq!(
        serde_json::to_value(&pet).expect("encodes"),
        serde_json::json!({"pet_type": "kitten", "lives": 9})
    );
    let lizard: Pet = serde_json::from_str(r#"{"pet_type": "Lizard"}"#).expect("decodes");
    assert!(matches!(lizard, Pet::Lizard(_)));
}

#[test]
fn an_unknown_discriminator_value_is_kept_whole() {
    let json = serde_json::json!({"pet_type": "parrot", "words": 12});
    let pet: Pet = serde_json::from_value(json.clone()).expect("decodes");
    assert_eq!(pet, Pet::Unknown(json.clone()));
    assert_eq!(serde_json::to_value(&pet).expect("encodes"), json);
}

#[test]
fn a_mapped_alternative_that_does_not_decode_is_an_error_not_another_alternative() {
    let error = serde_json::from_str::<Pet>(r#"{"pet_type": "dog", "bark": 3}"#)
        .expect_err("bark is a string");
    assert!(error.to_string().contains("invalid type"), "{error}");
}

/// Arrays are tried before objects: a derived struct would also take `["a"]` (by position).
#[test]
fn untagged_alternatives_are_tried_by_json_kind() {
    let number: IdOrName = serde_json::from_str("7").expect("decodes");
    assert_eq!(number, IdOrName::Integer(7));
    let name: IdOrName = serde_json::from_str(r#""seven""#).expect("decodes");
    assert_eq!(name, IdOrName::String("seven".to_owned()));
    let list: IdOrName = serde_json::from_str(r#"["a"]"#).expect("decodes");
    assert_eq!(list, IdOrName::Array(vec!["a".to_owned()]));
}
