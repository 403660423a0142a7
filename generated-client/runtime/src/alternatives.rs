//! Decoding the generated `oneOf`/`anyOf` enums without a discriminator: serde's untagged
//! decoding takes the first alternative that decodes, and an object alternative decodes from
//! any object whose members it does not know (it ignores them). The generated `Deserialize`
//! prefers the first alternative that keeps every member of the value, and falls back to the
//! first that decodes at all.

use serde::Serialize;

/// Whether `decoded`, encoded again, still has every member of `value` (recursively, array
/// elements by position); members that are `null` count as absent, as an optional field that
/// is `null` and one that is missing mean the same.
pub fn keeps_every_member<T: Serialize>(decoded: &T, value: &serde_json::Value) -> bool {
    match serde_json::to_value(decoded) {
        Ok(encoded) => contains_every_member(&encoded, value),
        Err(_) => false,
    }
}

fn contains_every_member(encoded: &serde_json::Value, value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (value, encoded) {
        (Value::Object(members), Value::Object(encoded_members)) => {
            members
                .iter()
                .all(|(name, member)| match encoded_members.get(name) {
                    Some(encoded_member) => contains_every_member(encoded_member, member),
                    None => member.is_null(),
                })
        }
        (Value::Array(items), Value::Array(encoded_items)) => {
            items.len() == encoded_items.len()
                && items
                    .iter()
                    .zip(encoded_items)
                    .all(|(item, encoded_item)| contains_every_member(encoded_item, item))
        }
        // An object or array decoded as something else (a map kept as text) lost its members.
        (Value::Object(_) | Value::Array(_), _) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Serialize)]
    struct Flavor {
        flavor_ref: Option<String>,
    }

    #[test]
    fn a_member_the_type_does_not_know_is_lost() {
        let flavor = Flavor {
            flavor_ref: Some("s2".to_owned()),
        };
        assert!(keeps_every_member(&flavor, &json!({"flavor_ref": "s2"})));
        assert!(keeps_every_member(
            &flavor,
            &json!({"flavor_ref": "s2", "volume": null})
        ));
        assert!(!keeps_every_member(
            &flavor,
            &json!({"flavor_ref": "s2", "volume": {"size": 40}})
        ));
        assert!(!keeps_every_member(
            &vec![Flavor { flavor_ref: None }],
            &json!([{"size": 40}])
        ));
    }
}
