//! Writes one generated workspace in the forms its peers read, for `bench/peers.sh`:
//!
//! - `kehoach/`: the workspace as plans (targets, tasks, reports, rules), checked by `kehoach check`;
//! - `plan.json` + `plan.schema.json`: the same plans as JSON with a JSON Schema, validated by `ajv` and
//!   `check-jsonschema` — the "YAML/JSON plus a schema" way of keeping plans;
//! - `tasks/tasks.plan` + `tasks.tjp`: only the task graph (owners, deadlines, `after` edges), as a kehoach plan and
//!   as a TaskJuggler project (`responsible`, `depends`, `maxend`), scheduled by `tj3`.
//!
//! Usage: `cargo run --release --example peers -- ITEMS OUT_DIR`

use std::fmt::Write as _;
use std::path::Path;

use kehoach::check::check_workspace;
use kehoach::generate::{Shape, workspace};
use kehoach::model::Goal;
use kehoach::model::{Model, Window};
use kehoach::workspace::{MemoryFileSystem, load_memory};
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let items: usize = args.next().ok_or("usage: peers ITEMS OUT_DIR")?.parse()?;
    let out = std::path::PathBuf::from(args.next().ok_or("usage: peers ITEMS OUT_DIR")?);

    let files = workspace(Shape::with_items(items));
    let mut fs = MemoryFileSystem::new();
    for f in &files {
        let path = out.join("kehoach").join(&f.path);
        std::fs::create_dir_all(path.parent().ok_or("no parent")?)?;
        std::fs::write(&path, &f.text)?;
        fs.insert(&f.path, f.text.clone());
    }
    let loaded = load_memory(&fs);
    let checked = check_workspace(&loaded);

    let plans: Vec<Value> = checked.models.iter().map(|m| plan_json(m)).collect();
    write(
        &out.join("plan.json"),
        &serde_json::to_string_pretty(&json!({ "plans": plans }))?,
    )?;
    write(
        &out.join("plan.schema.json"),
        &serde_json::to_string_pretty(&schema())?,
    )?;

    let (plan, tjp) = task_graph(&checked.models);
    std::fs::create_dir_all(out.join("tasks"))?;
    write(&out.join("tasks/tasks.plan"), &plan)?;
    write(&out.join("tasks.tjp"), &tjp)?;
    let tasks: usize = checked.models.iter().map(|m| m.tasks.len()).sum();
    let targets: usize = checked.models.iter().map(|m| m.targets.len()).sum();
    println!(
        "{targets} targets, {tasks} tasks in {} plans",
        checked.models.len()
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

fn owners(model: &Model, list: &[kehoach::model::OwnerIx]) -> Vec<String> {
    model.owner_ids(list).map(str::to_string).collect()
}

fn plan_json(model: &Model) -> Value {
    let plan = model.plan.as_ref();
    let targets: Vec<Value> = model
        .targets
        .iter()
        .map(|t| {
            let goal = match &t.goal {
                Some(Goal::Exact(x)) => json!({ "op": "=", "value": x.to_string() }),
                Some(Goal::AtLeast(x)) => json!({ "op": ">=", "value": x.to_string() }),
                Some(Goal::Above(x)) => json!({ "op": ">", "value": x.to_string() }),
                Some(Goal::AtMost(x)) => json!({ "op": "<=", "value": x.to_string() }),
                Some(Goal::Below(x)) => json!({ "op": "<", "value": x.to_string() }),
                Some(Goal::Approx(x)) => json!({ "op": "~", "value": x.to_string() }),
                Some(Goal::Range(a, b)) => {
                    json!({ "op": "..", "min": a.to_string(), "max": b.to_string() })
                }
                Some(Goal::Text(s)) => json!({ "op": "text", "text": s }),
                None => Value::Null,
            };
            let window = match t.window {
                Some(Window::By(d)) => json!({ "by": d.to_string() }),
                Some(Window::Yearly { from, to }) => json!({ "yearly": [from, to] }),
                Some(Window::Average { from, to }) => json!({ "average": [from, to] }),
                None => Value::Null,
            };
            json!({
                "id": t.id, "title": t.title, "unit": t.unit, "goal": goal, "window": window,
                "lead": owners(model, &t.lead), "support": owners(model, &t.support),
            })
        })
        .collect();
    let tasks: Vec<Value> = model
        .tasks
        .iter()
        .map(|t| {
            let after: Vec<&str> = t
                .after
                .iter()
                .filter_map(|&i| model.tasks.get(i))
                .map(|d| d.id.as_str())
                .collect();
            json!({
                "id": t.id, "title": t.title, "lead": owners(model, &t.lead),
                "support": owners(model, &t.support),
                "due": t.due().map(|d| d.to_string()), "output": t.output.map(|o| o.as_str()),
                "after": after,
            })
        })
        .collect();
    let owners: Vec<Value> = model
        .owners
        .iter()
        .map(|o| json!({ "id": o.id, "name": o.name, "aka": o.aka }))
        .collect();
    json!({
        "number": plan.map(|p| p.number.clone()),
        "issued": plan.and_then(|p| p.issued).map(|d| d.to_string()),
        "period": model.period().map(|p| [p.from, p.to]),
        "owners": owners, "targets": targets, "tasks": tasks,
    })
}

/// What a schema can say about such a file: shapes, id and deadline patterns, enumerations. It cannot say that an
/// id names an owner or task, that `after` edges have no cycle, or that deadlines fit the period — the checks that
/// make `kehoach check` worth running.
fn schema() -> Value {
    let id = json!({ "type": "string", "pattern": "^[a-z_][a-z0-9_]*$" });
    let ids = json!({ "type": "array", "items": id });
    let deadline = json!({ "type": "string",
        "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-3][0-9])?|-Q[1-4]|-H[12])?$" });
    let decimal = json!({ "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object", "required": ["plans"], "additionalProperties": false,
        "properties": { "plans": { "type": "array", "items": {
            "type": "object", "required": ["number", "owners", "targets", "tasks"],
            "properties": {
                "number": { "type": "string", "minLength": 1 },
                "issued": { "type": ["string", "null"], "format": "date" },
                "period": { "type": ["array", "null"], "items": { "type": "integer" } },
                "owners": { "type": "array", "items": { "type": "object", "required": ["id", "name"],
                    "properties": { "id": id, "name": { "type": "string", "minLength": 1 },
                        "aka": { "type": "array", "items": { "type": "string" } } } } },
                "targets": { "type": "array", "items": { "type": "object", "required": ["id", "title"],
                    "properties": { "id": id, "title": { "type": "string", "minLength": 1 },
                        "unit": { "type": ["string", "null"] },
                        "goal": { "oneOf": [ { "type": "null" },
                            { "type": "object", "required": ["op", "value"], "properties": {
                                "op": { "enum": ["=", ">=", ">", "<=", "<", "~"] }, "value": decimal } },
                            { "type": "object", "required": ["op", "min", "max"], "properties": {
                                "op": { "const": ".." }, "min": decimal, "max": decimal } },
                            { "type": "object", "required": ["op", "text"], "properties": {
                                "op": { "const": "text" }, "text": { "type": "string" } } } ] },
                        "window": { "type": ["object", "null"] },
                        "lead": ids, "support": ids } } },
                "tasks": { "type": "array", "items": { "type": "object", "required": ["id", "title", "lead"],
                    "properties": { "id": id, "title": { "type": "string", "minLength": 1 },
                        "lead": ids, "support": ids, "after": ids,
                        "due": { "oneOf": [ { "type": "null" }, deadline ] },
                        "output": { "enum": [null, "plan", "project", "report", "decision", "directive",
                            "resolution", "program", "other"] } } } } } } } }
    })
}

/// The task graph alone, as a kehoach plan and as a TaskJuggler project with the same owners, deadlines and
/// dependencies. Ids are made unique across plans by a plan prefix.
fn task_graph(models: &[std::sync::Arc<Model>]) -> (String, String) {
    let mut plan = String::from("plan \"tasks\" { period 2021..2025; issued 2021-01-01 }\n\n");
    let mut tjp = String::from(
        "project kh \"Task graph\" 2021-01-01 - 2026-01-31 {\n  timezone \"UTC\"\n}\n\n",
    );
    let mut owners_done = std::collections::BTreeSet::new();
    for model in models {
        for o in &model.owners {
            if owners_done.insert(o.id.clone()) {
                let _ = writeln!(plan, "owner {} \"{}\"", o.id, o.name);
                let _ = writeln!(tjp, "resource {} \"{}\"", o.id, o.name);
            }
        }
    }
    plan.push('\n');
    tjp.push('\n');
    for (p, model) in models.iter().enumerate() {
        let _ = writeln!(plan, "section \"{p}\" \"Kế hoạch {p}\" {{");
        let _ = writeln!(tjp, "task p{p} \"Kế hoạch {p}\" {{");
        for t in &model.tasks {
            let id = format!("p{p}_{}", t.id);
            let lead = owners(model, &t.lead).join(", ");
            let due = t.due().map(|d| d.last_day());
            let after: Vec<String> = t
                .after
                .iter()
                .filter_map(|&i| model.tasks.get(i))
                .map(|d| format!("p{p}_{}", d.id))
                .collect();
            let _ = write!(plan, "  task {id} \"{}\" {{ lead {lead}", t.title);
            if let Some(d) = t.due() {
                let _ = write!(plan, "; due {d}");
            }
            if !after.is_empty() {
                let _ = write!(plan, "; after {}", after.join(", "));
            }
            plan.push_str(" }\n");
            let _ = write!(tjp, "  task {id} \"{}\" {{\n    duration 1d\n", t.title);
            for l in model.owner_ids(&t.lead) {
                if model
                    .owners
                    .iter()
                    .any(|o| o.id == l && o.members.is_empty())
                {
                    let _ = writeln!(tjp, "    responsible {l}");
                }
            }
            if let Some(d) = due {
                let _ = writeln!(tjp, "    maxend {d}");
            }
            if !after.is_empty() {
                let deps: Vec<String> = after.iter().map(|a| format!("!{a}")).collect();
                let _ = writeln!(tjp, "    depends {}", deps.join(", "));
            }
            tjp.push_str("  }\n");
        }
        plan.push_str("}\n");
        tjp.push_str("}\n");
    }
    (plan, tjp)
}
