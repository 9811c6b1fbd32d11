//! Graph algorithms the checks share, written without recursion so that a 100 000-long chain of dependencies
//! cannot overflow the stack. Nodes are a list's typed indices ([`Ix`]); each node's edges are its item.

use std::collections::VecDeque;

use std::hash::Hash;

use crate::hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::model::{Items, Ix};

/// The strongly connected components of a directed graph (Tarjan's algorithm, iteratively), each with more than
/// one node or with a self-loop: the cycles. Components come in an order where each one's nodes are sorted.
pub fn cycles<I: Ix + Ord>(edges: &Items<I, Vec<I>>) -> Vec<Vec<I>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut components = Vec::new();
    // Each frame: the node and how many of its edges were already followed.
    let mut frames: Vec<(I, usize)> = Vec::new();
    for start in edges.indices() {
        if get(&index, start) != usize::MAX {
            continue;
        }
        frames.push((start, 0));
        while let Some(&(node, edge)) = frames.last() {
            if edge == 0 {
                set(&mut index, node, next);
                set(&mut low, node, next);
                next += 1;
                stack.push(node);
                set(&mut on_stack, node, true);
            }
            let successors = edges.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(&succ) = successors.get(edge) {
                if let Some(frame) = frames.last_mut() {
                    frame.1 += 1;
                }
                if get(&index, succ) == usize::MAX {
                    frames.push((succ, 0));
                } else if get(&on_stack, succ) {
                    let lowest = get(&low, node).min(get(&index, succ));
                    set(&mut low, node, lowest);
                }
                continue;
            }
            // All successors done: close the node.
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                let lowest = get(&low, parent).min(get(&low, node));
                set(&mut low, parent, lowest);
            }
            if get(&low, node) == get(&index, node) {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    set(&mut on_stack, member, false);
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                let self_loop = edges.get(node).is_some_and(|s| s.contains(&node));
                if component.len() > 1 || self_loop {
                    component.sort_unstable();
                    components.push(component);
                }
            }
        }
    }
    crate::sort::sort(&mut components);
    components
}

fn get<T: Copy + Default>(v: &[T], i: impl Ix) -> T {
    v.get(i.position()).copied().unwrap_or_default()
}

fn set<T>(v: &mut [T], i: impl Ix, value: T) {
    if let Some(slot) = v.get_mut(i.position()) {
        *slot = value;
    }
}

/// One cycle through the nodes of a strongly connected component, as the list of nodes in edge order, starting
/// at the component's smallest node: `[a, b, c]` means `a → b → c → a`.
pub(crate) fn cycle_path<I: Ix + Ord + Hash>(component: &[I], edges: &Items<I, Vec<I>>) -> Vec<I> {
    let Some(&start) = component.first() else {
        return Vec::new();
    };
    let inside = |n: I| component.binary_search(&n).is_ok();
    // Breadth-first from `start` inside the component until an edge leads back to it.
    let mut parent: HashMap<I, I> = HashMap::default();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &succ in edges.get(node).map_or(&[][..], Vec::as_slice) {
            if succ == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = parent.get(&at).copied().unwrap_or(start);
                    path.push(at);
                }
                path.reverse();
                path.dedup();
                return path;
            }
            if inside(succ) && succ != start && !parent.contains_key(&succ) {
                parent.insert(succ, node);
                queue.push_back(succ);
            }
        }
    }
    vec![start]
}

/// A topological order of the nodes not on any cycle nor downstream of one: each node after every node it has an
/// edge to (edges point at what a node depends on). Nodes in `skip` are left out, and so is anything depending on
/// them.
pub(crate) fn dependency_order<I: Ix + Hash>(
    edges: &Items<I, Vec<I>>,
    skip: &HashSet<I>,
) -> Vec<I> {
    let n = edges.len();
    // Number of dependencies not yet placed.
    let mut waiting: Items<I, usize> = edges.iter().map(Vec::len).collect();
    let mut dependents: Items<I, Vec<I>> = Items::repeat(Vec::new(), n);
    for (node, deps) in edges.enumerate() {
        for &d in deps {
            if let Some(list) = dependents.get_mut(d) {
                list.push(node);
            }
        }
    }
    let mut ready: Vec<I> = edges
        .indices()
        .filter(|&i| waiting.get(i) == Some(&0) && !skip.contains(&i))
        .collect();
    ready.reverse();
    let mut order = Vec::with_capacity(n);
    while let Some(node) = ready.pop() {
        order.push(node);
        for &dependent in dependents.get(node).map_or(&[][..], Vec::as_slice) {
            if let Some(w) = waiting.get_mut(dependent) {
                *w -= 1;
                if *w == 0 && !skip.contains(&dependent) {
                    ready.push(dependent);
                }
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TaskIx;

    fn graph(edges: Vec<Vec<usize>>) -> Items<TaskIx, Vec<TaskIx>> {
        edges
            .into_iter()
            .map(|e| e.into_iter().map(TaskIx::at).collect())
            .collect()
    }

    fn nodes(ns: &[usize]) -> Vec<TaskIx> {
        ns.iter().copied().map(TaskIx::at).collect()
    }

    #[test]
    fn finds_cycles_and_self_loops() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0
        let edges = graph(vec![vec![1], vec![2], vec![0], vec![3], vec![0]]);
        assert_eq!(cycles(&edges), vec![nodes(&[0, 1, 2]), nodes(&[3])]);
        assert_eq!(cycle_path(&nodes(&[0, 1, 2]), &edges), nodes(&[0, 1, 2]));
        assert_eq!(cycle_path(&nodes(&[3]), &edges), nodes(&[3]));
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        assert_eq!(cycles(&graph(edges.clone())).first().map(Vec::len), Some(n));
        edges[n - 1] = vec![];
        let edges = graph(edges);
        assert!(cycles(&edges).is_empty());
        let order = dependency_order(&edges, &Default::default());
        assert_eq!(order.first(), Some(&TaskIx::at(n - 1)));
        assert_eq!(order.len(), n);
    }

    #[test]
    fn order_skips_cycles_and_what_depends_on_them() {
        // 0 depends on 1; 1 and 2 form a cycle; 3 is free.
        let edges = graph(vec![vec![1], vec![2], vec![1], vec![]]);
        let skip = cycles(&edges).into_iter().flatten().collect();
        assert_eq!(dependency_order(&edges, &skip), nodes(&[3]));
    }
}
