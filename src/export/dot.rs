//! The plan as a Graphviz graph: tasks and documents as nodes, `after` and `implements` as edges, and one
//! coloured cluster per section (nested as the sections are).
//!
//! An `after` edge runs from the task that must be done first to the task that waits for it; an `implements`
//! edge (dashed) from the plan or a document to the document it carries out. Sections without tasks are left out.

use super::shorten;
use crate::model::{Items, Ix, Model, SectionIx, TaskInfo};

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

/// The graph in the DOT language.
pub fn to_dot(model: &Model) -> String {
    let mut out = String::from("digraph plan {\n");
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

    // Tasks by section; sections that hold no task, directly or below, are left out.
    let mut own: Items<SectionIx, Vec<&TaskInfo>> = Items::repeat(Vec::new(), model.sections.len());
    let mut loose = Vec::new();
    for task in &model.tasks {
        match task.section.and_then(|s| own.get_mut(s)) {
            Some(list) => list.push(task),
            None => loose.push(task),
        }
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
    for task in loose {
        out.push_str(&task_node(task, "  "));
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
    let implements = "[style=dashed, label=\"implements\"]";
    if let Some(plan) = &model.plan {
        for doc in plan
            .implements
            .iter()
            .filter_map(|&d| model.documents.get(d))
        {
            out.push_str(&format!(
                "  \"plan\" -> {} {implements};\n",
                quote(&format!("doc:{}", doc.id))
            ));
        }
    }
    for doc in &model.documents {
        for higher in doc
            .implements
            .iter()
            .filter_map(|&d| model.documents.get(d))
        {
            out.push_str(&format!(
                "  {} -> {} {implements};\n",
                quote(&format!("doc:{}", doc.id)),
                quote(&format!("doc:{}", higher.id))
            ));
        }
    }
    out.push_str("}\n");
    out
}

struct Clusters<'m> {
    model: &'m Model,
    own: &'m Items<SectionIx, Vec<&'m TaskInfo>>,
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
        for task in self.own.get(s).into_iter().flatten() {
            out.push_str(&task_node(task, &format!("{pad}  ")));
        }
        for (child, c) in self.model.sections.enumerate() {
            if c.parent == Some(s) {
                self.write(child, depth + 1, out);
            }
        }
        out.push_str(&format!("{pad}}}\n"));
    }
}

fn task_node(task: &TaskInfo, pad: &str) -> String {
    let mut label = format!("{}\n{}", task.id, wrap(&shorten(&task.title, 100), WRAP));
    if let Some(due) = task.due() {
        label.push_str(&format!("\n{}", due.last_day()));
    }
    format!(
        "{pad}{} [label={}];\n",
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
