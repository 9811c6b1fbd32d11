//! The plan as a Graphviz graph: tasks and documents as nodes, `after`, `for` and `implements` as edges, and one
//! coloured cluster per section (nested as the sections are).
//!
//! An `after` edge (solid grey) runs from the task that must be done first to the task that waits for it; a `for`
//! edge (bold, indigo, hollow arrow) from a task to each owner it is drafted for, drawn as a house; an
//! `implements` edge (dashed, brown) from the plan, a document, a section, a target or a task to the document it
//! carries out. Targets and sections are drawn only when they implement a document (a section as a tab inside its
//! cluster). Sections that hold nothing drawn are left out.

use crate::hash::FxHashSet;

use super::shorten;
use crate::model::{
    DocumentIx, Items, Ix, Model, OwnerIx, SectionIx, TargetIx, TaskInfo, TaskIx, TaskSchedule,
};

/// Fill and border colours of the section clusters, taken in turn.
const COLOURS: [(&str, &str); 10] = [
    ("#e3f2fd", "#64b5f6"),
    ("#e8f5e9", "#81c784"),
    ("#fff3e0", "#ffb74d"),
    ("#f3e5f5", "#ba68c8"),
    ("#e0f7fa", "#4dd0e1"),
    ("#fce4ec", "#f06292"),
    ("#f9fbe7", "#c0ca33"),
    ("#ede7f6", "#9575cd"),
    ("#efebe9", "#a1887f"),
    ("#eceff1", "#90a4ae"),
];

/// Characters per line of a node label.
const WRAP: usize = 32;

/// How `implements` edges are drawn, whatever they start from.
const IMPLEMENTS: &str =
    "[style=dashed, color=\"#8d6e63\", fontcolor=\"#8d6e63\", label=\"implements\"]";

/// How `for` edges are drawn: unlike dependencies and `implements`.
const FOR: &str =
    "[style=bold, color=\"#3949ab\", fontcolor=\"#3949ab\", arrowhead=empty, label=\"for\"]";

/// The graph in the DOT language.
pub(crate) fn to_dot(model: &Model) -> String {
    let mut out = String::with_capacity(estimate(model));
    out.push_str("digraph plan {\n");
    let title = model.plan.as_ref().map(|p| match &p.title {
        Some(t) => format!("{} – {}", p.number, shorten(t, 160)),
        None => p.number.clone(),
    });
    out.push_str("  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=14");
    if let Some(title) = &title {
        out.push_str(&format!(", label={}, labelloc=t", quote(&wrap(title, 80))));
    }
    out.push_str("];\n");
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"white\", fontname=\"Helvetica\", fontsize=10];\n",
    );
    out.push_str("  edge [color=\"#555555\", fontname=\"Helvetica\", fontsize=9];\n");

    if let Some(plan) = &model.plan {
        out.push_str(&format!(
            "  \"plan\" [shape=folder, style=filled, fillcolor=\"#fff8e1\", label={}];\n",
            quote(&plan.number)
        ));
    }
    for doc in &model.documents {
        let label = match &doc.title {
            Some(t) => format!("{}\n{}", doc.number, wrap(&shorten(t, 90), WRAP)),
            None => doc.number.clone(),
        };
        out.push_str(&format!(
            "  {} [shape=note, style=filled, fillcolor=\"#f5f5f5\", label={}];\n",
            quote(&format!("doc:{}", doc.id)),
            quote(&label)
        ));
    }

    // The owners tasks are drafted for, once each, in the order of the owners.
    let drafted_for: FxHashSet<OwnerIx> = model
        .tasks
        .iter()
        .flat_map(|t| t.for_.iter().copied())
        .collect();
    for (o, owner) in model.owners.enumerate() {
        if drafted_for.contains(&o) {
            out.push_str(&format!(
                "  {} [shape=house, style=filled, fillcolor=\"#e8eaf6\", color=\"#3949ab\", label={}];\n",
                quote(&format!("owner:{}", owner.id)),
                quote(&wrap(&shorten(&owner.name, 90), WRAP))
            ));
        }
    }

    // Nodes by section (tasks; targets and sections that implement a document); sections that hold none,
    // directly or below, are left out.
    let mut own: Items<SectionIx, Vec<Node>> = Items::repeat(Vec::new(), model.sections.len());
    let mut loose = Vec::new();
    let mut place =
        |section: Option<SectionIx>, node: Node| match section.and_then(|s| own.get_mut(s)) {
            Some(list) => list.push(node),
            None => loose.push(node),
        };
    for (s, section) in model.sections.enumerate() {
        if !section.implements.is_empty() {
            place(Some(s), Node::Section(s));
        }
    }
    for (t, target) in model.targets.enumerate() {
        if !target.implements.is_empty() {
            place(target.section, Node::Target(t));
        }
    }
    for (t, task) in model.tasks.enumerate() {
        place(task.section, Node::Task(t));
    }
    let mut holds_tasks: Items<SectionIx, bool> = own.iter().map(|l| !l.is_empty()).collect();
    // Parents come before their children in `sections`, so one backward pass carries the flags up.
    for s in model.sections.indices().rev() {
        let parent = model.sections.get(s).and_then(|x| x.parent);
        if holds_tasks.get(s).copied().unwrap_or(false) {
            if let Some(flag) = parent.and_then(|p| holds_tasks.get_mut(p)) {
                *flag = true;
            }
        }
    }
    for node in loose {
        node.write(model, "  ", &mut out);
    }
    let clusters = Clusters {
        model,
        own: &own,
        holds_tasks: &holds_tasks,
    };
    for (s, section) in model.sections.enumerate() {
        if section.parent.is_none() {
            clusters.write(s, 1, &mut out);
        }
    }

    for task in &model.tasks {
        for dep in task.after.iter().filter_map(|&a| model.tasks.get(a)) {
            out.push_str(&format!(
                "  {} -> {};\n",
                quote(&format!("task:{}", dep.id)),
                quote(&format!("task:{}", task.id))
            ));
        }
    }
    for task in &model.tasks {
        for owner in task.for_.iter().filter_map(|&o| model.owners.get(o)) {
            out.push_str(&format!(
                "  {} -> {} {FOR};\n",
                quote(&format!("task:{}", task.id)),
                quote(&format!("owner:{}", owner.id))
            ));
        }
    }
    let mut implements = |from: String, docs: &[DocumentIx]| {
        for doc in docs.iter().filter_map(|&d| model.documents.get(d)) {
            out.push_str(&format!(
                "  {} -> {} {IMPLEMENTS};\n",
                quote(&from),
                quote(&format!("doc:{}", doc.id))
            ));
        }
    };
    if let Some(plan) = &model.plan {
        implements("plan".to_string(), &plan.implements);
    }
    for doc in &model.documents {
        implements(format!("doc:{}", doc.id), &doc.implements);
    }
    for (s, section) in model.sections.enumerate() {
        implements(format!("section:{}", s.position()), &section.implements);
    }
    for target in &model.targets {
        implements(format!("target:{}", target.id), &target.implements);
    }
    for task in &model.tasks {
        implements(format!("task:{}", task.id), &task.implements);
    }
    out.push_str("}\n");
    out
}

struct Clusters<'m> {
    model: &'m Model,
    own: &'m Items<SectionIx, Vec<Node>>,
    holds_tasks: &'m Items<SectionIx, bool>,
}

impl Clusters<'_> {
    /// A section's cluster and, inside it, those of its subsections. Sections nest no deeper than the parser's
    /// nesting limit, which bounds the recursion.
    fn write(&self, s: SectionIx, depth: usize, out: &mut String) {
        let (Some(section), true) = (
            self.model.sections.get(s),
            self.holds_tasks.get(s).copied().unwrap_or(false),
        ) else {
            return;
        };
        let pad = "  ".repeat(depth);
        let (fill, border) = COLOURS
            .get(s.position() % COLOURS.len())
            .copied()
            .unwrap_or(("white", "black"));
        let cluster = s.position();
        out.push_str(&format!("{pad}subgraph \"cluster_{cluster}\" {{\n"));
        out.push_str(&format!(
            "{pad}  graph [label={}, style=\"rounded,filled\", fillcolor=\"{fill}\", color=\"{border}\", labeljust=l];\n",
            quote(&wrap(&shorten(&section.label(), 120), 60))
        ));
        let inner = format!("{pad}  ");
        for node in self.own.get(s).into_iter().flatten() {
            node.write(self.model, &inner, out);
        }
        for (child, c) in self.model.sections.enumerate() {
            if c.parent == Some(s) {
                self.write(child, depth + 1, out);
            }
        }
        out.push_str(&format!("{pad}}}\n"));
    }
}

/// About the length of the graph, reserved up front: without it the text grows by doublings, and its peak memory
/// jumps between 1 and 3 times its length with where a plan's size falls between two powers of two.
fn estimate(model: &Model) -> usize {
    let titles: usize = model
        .tasks
        .iter()
        .map(|t| {
            2 * t.id.len()
                + t.title.len()
                + 24 * (t.after.len() + t.for_.len() + t.implements.len())
        })
        .sum();
    let nodes =
        model.tasks.len() + model.documents.len() + model.sections.len() + model.owners.len();
    titles + 160 * nodes + 1024
}

/// A node inside a section's cluster (or outside any).
#[derive(Clone, Copy)]
enum Node {
    /// A section that implements a document: the tab its `implements` edges start from.
    Section(SectionIx),
    /// A target that implements a document.
    Target(TargetIx),
    Task(TaskIx),
}

impl Node {
    fn write(self, model: &Model, pad: &str, out: &mut String) {
        let line = match self {
            Node::Section(s) => model.sections.get(s).map(|section| {
                format!(
                    "{} [shape=tab, style=filled, fillcolor=\"white\", label={}]",
                    quote(&format!("section:{}", s.position())),
                    quote(&wrap(&shorten(&section.label(), 100), WRAP))
                )
            }),
            Node::Target(t) => model.targets.get(t).map(|target| {
                format!(
                    "{} [shape=ellipse, label={}]",
                    quote(&format!("target:{}", target.id)),
                    quote(&format!(
                        "{}\n{}",
                        target.id,
                        wrap(&shorten(&target.title, 100), WRAP)
                    ))
                )
            }),
            Node::Task(t) => model.tasks.get(t).map(task_node),
        };
        if let Some(line) = line {
            out.push_str(pad);
            out.push_str(&line);
            out.push_str(";\n");
        }
    }
}

/// A task's node: its id, title and schedule (its deadline, `ongoing` with a bold border, or its recurrence).
fn task_node(task: &TaskInfo) -> String {
    let mut label = format!("{}\n{}", task.id, wrap(&shorten(&task.title, 100), WRAP));
    match task.schedule {
        TaskSchedule::Once { due: Some(due), .. } => {
            label.push_str(&format!("\n{}", due.last_day()))
        }
        TaskSchedule::Once { due: None, .. } => {}
        TaskSchedule::Ongoing => label.push_str("\nongoing"),
        TaskSchedule::Every(schedule) => label.push_str(&format!("\nevery {schedule}")),
    }
    let style = if task.schedule.is_ongoing() {
        ", style=\"rounded,filled,bold\""
    } else {
        ""
    };
    format!(
        "{} [label={}{style}]",
        quote(&format!("task:{}", task.id)),
        quote(&label)
    )
}

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n` (centred lines).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Breaks a text into lines of about `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}
