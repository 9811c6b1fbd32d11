//! How fast `kehoach lsp` answers after a one-character change to the largest bundled plan, and whether its
//! memory stays bounded over 1 000 edits:
//! `cargo build --release && cargo run --release --example lsp_speed -- [target/release/kehoach] [edits]`.
//!
//! It drives the real server over stdio, as an editor does. The plan (plans/quang-ninh, 162 KB, with its
//! agencies file) is copied to a scratch folder and opened; then each edit inserts or deletes one character in
//! a title and asks for a hover at once, so the answer waits for the whole work of a change: apply the edit,
//! load the folder with the buffer over the disk, parse, check, index, and answer. Diagnostics are published
//! from that same analysis after the debounce, so the hover's round trip is the time to fresh diagnostics less
//! the debounce. It prints the median, 95th percentile and worst round trip, and the server's resident memory
//! (from /proc) after the first edit, the 100th and the last.

#![expect(
    clippy::panic,
    reason = "a benchmark that cannot set up its scratch folder or start the server has nothing to measure"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    let _ = write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = stdin.flush();
}

fn receive(reader: &mut BufReader<ChildStdout>) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Waits for the response to request `id`, skipping notifications.
fn response(reader: &mut BufReader<ChildStdout>, id: u64) -> Option<Value> {
    loop {
        let m = receive(reader)?;
        if m.get("id") == Some(&json!(id)) {
            return Some(m);
        }
    }
}

fn rss_kib(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l.trim_start_matches(name).trim().to_string())
            .unwrap_or_else(|| "?".to_string())
    };
    format!("resident {}, peak {}", field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let binary = args
        .next()
        .unwrap_or_else(|| "target/release/kehoach".to_string());
    let edits: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a scratch folder: {e}"));
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/quang-ninh");
    for name in ["35-ctr-ubnd.plan", "agencies.plan"] {
        std::fs::copy(from.join(name), dir.path().join(name))
            .unwrap_or_else(|e| panic!("copy {name}: {e}"));
    }
    let path = std::fs::canonicalize(dir.path().join("35-ctr-ubnd.plan"))
        .unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let uri = format!("file://{}", path.display());
    // The title of the first task: a line `task ID "TITLE" {`; edits go just inside its opening quote.
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.trim_start()
                .starts_with("task ")
                .then(|| (i, l.find('"').map_or(0, |q| q + 1)))
        })
        .unwrap_or((0, 0));
    let id_column = text
        .lines()
        .nth(line)
        .and_then(|l| l.find("task ").map(|t| t + 6))
        .unwrap_or(0);

    let mut child = Command::new(&binary)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {binary}: {e}"));
    let pid = child.id();
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        panic!("no pipes");
    };
    let mut reader = BufReader::new(stdout);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize", "params": { "capabilities": {} } }),
    );
    let _ = response(&mut reader, 0);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "languageId": "kehoach", "version": 1, "text": text } } }),
    );
    let mut times = Vec::with_capacity(edits);
    for n in 1..=edits {
        // Insert a character, then delete it: the text alternates between two states one character apart.
        let change = if n % 2 == 1 {
            json!({ "range": { "start": { "line": line, "character": column }, "end": { "line": line, "character": column } }, "text": "x" })
        } else {
            json!({ "range": { "start": { "line": line, "character": column }, "end": { "line": line, "character": column + 1 } }, "text": "" })
        };
        let start = Instant::now();
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "textDocument": { "uri": uri, "version": n + 1 }, "contentChanges": [change] } }),
        );
        let id = u64::try_from(n).unwrap_or(u64::MAX);
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": { "textDocument": { "uri": uri }, "position": { "line": line, "character": id_column } } }),
        );
        let answer = response(&mut reader, id);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        let Some(answer) = answer else {
            panic!("the server stopped answering at edit {n}");
        };
        // The hover names the task: the plan was loaded, checked and indexed for this edit.
        let shown = answer
            .pointer("/result/contents/value")
            .and_then(Value::as_str)
            .unwrap_or("");
        assert!(shown.starts_with("**task**"), "edit {n}: {answer}");
        if n == 1 || n == 100 || n == edits {
            println!("after edit {n:>4}: {}", rss_kib(pid));
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    println!(
        "{edits} one-character edits of {} ({} bytes): round trip median {:.2} ms, p95 {:.2} ms, worst {:.2} ms",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        text.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 999_999, "method": "shutdown" }),
    );
    let _ = response(&mut reader, 999_999);
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "method": "exit" }));
    let _ = child.wait();
}
