//! Recursive types made Rust: aliases in a cycle of aliases become newtypes, and a type that
//! contains itself by value (directly or through others) gets a `Box` on the members that
//! close the cycle, found as the strongly connected components of the containment graph
//! (Tarjan's algorithm).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::model::{RustType, TypeDefinition, TypeKind};

/// Types that contain themselves get a `Box` where the cycle would give them infinite
/// size, and aliases that refer to themselves become newtypes.
pub(super) fn box_recursive_types(types: &mut BTreeMap<String, TypeDefinition>) {
    // Aliases in a cycle of aliases: `type Tree = Vec<Tree>` is not Rust.
    let alias_names: Vec<String> = types
        .values()
        .filter(|definition| matches!(definition.kind, TypeKind::Alias(_)))
        .map(|definition| definition.name.clone())
        .collect();
    let alias_graph: HashMap<String, Vec<String>> = alias_names
        .iter()
        .map(|name| {
            let mut targets = Vec::new();
            if let TypeKind::Alias(target) = &types[name].kind {
                named_targets(target, false, &mut targets);
            }
            targets.retain(|target| alias_names.contains(target));
            (name.clone(), targets)
        })
        .collect();
    for component in strongly_connected_components(&alias_graph) {
        let cyclic = component.len() > 1 || alias_graph[&component[0]].contains(&component[0]);
        if cyclic {
            for name in component {
                if let Some(definition) = types.get_mut(&name) {
                    if let TypeKind::Alias(target) = &definition.kind {
                        definition.kind = TypeKind::Newtype(target.clone());
                    }
                }
            }
        }
    }
    // Direct containment (not through Vec or a map, which allocate): a cycle needs a Box.
    let graph: HashMap<String, Vec<String>> = types
        .iter()
        .map(|(name, definition)| {
            let mut targets = Vec::new();
            match &definition.kind {
                TypeKind::Struct { fields, .. } => {
                    for field in fields {
                        named_targets(&field.rust_type, true, &mut targets);
                    }
                }
                TypeKind::Union { variants, .. } => {
                    for variant in variants {
                        named_targets(&variant.rust_type, true, &mut targets);
                    }
                }
                TypeKind::Alias(target) | TypeKind::Newtype(target) => {
                    named_targets(target, true, &mut targets)
                }
                TypeKind::StringEnum { .. } => {}
            }
            (name.clone(), targets)
        })
        .collect();
    let mut component_of: HashMap<String, usize> = HashMap::new();
    for (index, component) in strongly_connected_components(&graph)
        .into_iter()
        .enumerate()
    {
        for name in component {
            component_of.insert(name, index);
        }
    }
    let in_cycle_with = |owner: &str, rust_type: &RustType| {
        let mut targets = Vec::new();
        named_targets(rust_type, true, &mut targets);
        targets
            .iter()
            .any(|target| component_of.get(target) == component_of.get(owner))
    };
    let boxed = |rust_type: &RustType| RustType::Boxed(Box::new(rust_type.clone()));
    let names: Vec<String> = types.keys().cloned().collect();
    for name in names {
        let definition = types.get_mut(&name).expect("listed above");
        match &mut definition.kind {
            TypeKind::Struct { fields, .. } => {
                for field in fields {
                    if in_cycle_with(&name, &field.rust_type) {
                        field.rust_type = boxed(&field.rust_type);
                    }
                }
            }
            TypeKind::Union { variants, .. } => {
                for variant in variants {
                    if in_cycle_with(&name, &variant.rust_type) {
                        variant.rust_type = boxed(&variant.rust_type);
                    }
                }
            }
            TypeKind::Newtype(target) => {
                if in_cycle_with(&name, target) {
                    *target = boxed(target);
                }
            }
            TypeKind::Alias(_) | TypeKind::StringEnum { .. } => {}
        }
    }
}

/// The named types a type mentions; with `direct_only`, only those it contains by value (not
/// through a `Vec`, a map or a `Box`).
fn named_targets(rust_type: &RustType, direct_only: bool, targets: &mut Vec<String>) {
    match rust_type {
        RustType::Named(name) => targets.push(name.clone()),
        RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) if !direct_only => {
            named_targets(inner, direct_only, targets);
        }
        _ => {}
    }
}

/// Tarjan's strongly connected components, iterative (huge specs have deep chains), in a
/// deterministic order.
fn strongly_connected_components(graph: &HashMap<String, Vec<String>>) -> Vec<Vec<String>> {
    let mut nodes: Vec<&String> = graph.keys().collect();
    nodes.sort();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut low: HashMap<&str, usize> = HashMap::new();
    let mut on_stack: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut components = Vec::new();
    let mut next_index = 0;
    let empty: Vec<String> = Vec::new();
    for start in nodes {
        if index_of.contains_key(start.as_str()) {
            continue;
        }
        // (node, next edge to visit)
        let mut work: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                index_of.insert(node, next_index);
                low.insert(node, next_index);
                next_index += 1;
                stack.push(node);
                on_stack.insert(node);
            }
            let edges = graph.get(node).unwrap_or(&empty);
            if let Some(target) = edges.get(edge) {
                work.push((node, edge + 1));
                let target = target.as_str();
                if !graph.contains_key(target) {
                    continue;
                }
                if !index_of.contains_key(target) {
                    work.push((target, 0));
                } else if on_stack.contains(target) {
                    let lowest = low[node].min(index_of[target]);
                    low.insert(node, lowest);
                }
                continue;
            }
            // All edges done: pass the low link up, and close a component at its root.
            if let Some(&(parent, _)) = work.last() {
                let lowest = low[parent].min(low[node]);
                low.insert(parent, lowest);
            }
            if low[node] == index_of[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.push(member.to_owned());
                    if member == node {
                        break;
                    }
                }
                component.sort();
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::ir::model::FieldDefinition;

    fn graph(edges: &[(&str, &[&str])]) -> HashMap<String, Vec<String>> {
        edges
            .iter()
            .map(|(node, targets)| {
                let targets = targets.iter().map(|target| (*target).to_owned()).collect();
                ((*node).to_owned(), targets)
            })
            .collect()
    }

    #[test]
    fn components_are_cycles_and_single_nodes_in_a_stable_order() {
        let components = strongly_connected_components(&graph(&[
            ("a", &["b"]),
            ("b", &["a", "c"]),
            ("c", &[]),
            ("d", &["d", "outside"]),
            ("e", &["c"]),
        ]));
        assert_eq!(
            components,
            [vec!["c"], vec!["a", "b"], vec!["d"], vec!["e"]]
        );
    }

    #[test]
    fn a_long_chain_is_no_cycle_and_needs_no_deep_recursion() {
        let names: Vec<String> = (0..100_000).map(|index| format!("t{index:06}")).collect();
        let chain: HashMap<String, Vec<String>> = names
            .iter()
            .zip(names.iter().skip(1))
            .map(|(name, next)| (name.clone(), vec![next.clone()]))
            .collect();
        let components = strongly_connected_components(&chain);
        assert_eq!(components.len(), names.len() - 1);
        assert!(components.iter().all(|component| component.len() == 1));
    }

    fn field(rust_name: &str, rust_type: RustType) -> FieldDefinition {
        FieldDefinition {
            json_name: rust_name.to_owned(),
            rust_name: rust_name.to_owned(),
            rust_type,
            required: false,
            optional: true,
            documentation: Vec::new(),
            is_secret: false,
            description: None,
            constraints: Default::default(),
        }
    }

    fn definition(name: &str, kind: TypeKind) -> (String, TypeDefinition) {
        let definition = TypeDefinition {
            name: name.to_owned(),
            description: None,
            kind,
        };
        (name.to_owned(), definition)
    }

    fn named(name: &str) -> RustType {
        RustType::Named(name.to_owned())
    }

    #[test]
    fn members_that_close_a_cycle_by_value_are_boxed_and_alias_cycles_become_newtypes() {
        let mut types: BTreeMap<String, TypeDefinition> = [
            definition(
                "Tree",
                TypeKind::Struct {
                    fields: vec![
                        field("parent", named("Tree")),
                        field("children", RustType::Vec(Box::new(named("Tree")))),
                        field("label", named("Label")),
                    ],
                    additional_properties: None,
                },
            ),
            definition("Label", TypeKind::Alias(RustType::String)),
            definition(
                "Forest",
                TypeKind::Alias(RustType::Vec(Box::new(named("Forest")))),
            ),
        ]
        .into_iter()
        .collect();
        box_recursive_types(&mut types);
        let TypeKind::Struct { fields, .. } = &types["Tree"].kind else {
            panic!("Tree stays a struct: {:?}", types["Tree"].kind);
        };
        let field_types: Vec<&RustType> = fields.iter().map(|field| &field.rust_type).collect();
        assert_eq!(
            field_types,
            [
                &RustType::Boxed(Box::new(named("Tree"))),
                &RustType::Vec(Box::new(named("Tree"))),
                &named("Label"),
            ]
        );
        assert_eq!(types["Label"].kind, TypeKind::Alias(RustType::String));
        // `Vec` allocates, so the newtype needs no box.
        assert_eq!(
            types["Forest"].kind,
            TypeKind::Newtype(RustType::Vec(Box::new(named("Forest"))))
        );
    }
}
