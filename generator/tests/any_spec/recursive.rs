//! Behaviour of recursive types: nested values decode and encode back.

use recursive_client::types::{Expression, Nested, Node};

#[test]
fn recursive_values_round_trip() {
    let json = serde_json::json!({
        "children": [{"next": {"expression": {"left": 1, "right": {"left": 2, "right": 3}}}}],
        "next": {}
    });
    let node: Node = serde_json::from_value(json.clone()).expect("decodes");
    let expression = node.children.as_ref().expect("children")[0]
        .next
        .as_ref()
        .expect("next")
        .expression
        .as_ref()
        .expect("expression");
    assert!(matches!(expression, Expression::Sum(_)));
    assert_eq!(serde_json::to_value(&node).expect("encodes"), json);
    let nested: Nested = serde_json::from_str("[[], [[]]]").expect("decodes");
    assert_eq!(nested.0.len(), 2);
}
