//! `kehoach lsp` driven as an editor drives it: the real binary, JSON-RPC over its standard input and output
//! (initialize, didOpen, didChange, each request, shutdown and exit).

#![expect(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "the client's helpers fail the test when the server misbehaves; JSON is read as the protocol's shapes"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    pending: Vec<Value>,
}

impl Client {
    fn start(options: Value) -> Client {
        Client::start_with(json!({ "capabilities": {}, "initializationOptions": options }))
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn receive(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers within 30 s")
    }

    /// The whole response (result or error).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                return message;
            }
            self.pending.push(message);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.pending.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        }) {
            let m = self.pending.remove(i);
            return m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            self.pending.push(m);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "kehoach", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, range: [u32; 4], text: &str) {
        let [l1, c1, l2, c2] = range;
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": { "line": l1, "character": c1 }, "end": { "line": l2, "character": c2 } }, "text": text }]
            }),
        );
    }

    fn at(uri: &str, line: u32, character: u32) -> Value {
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
    }

    /// Shuts down and exits as the protocol says; the process ends with status 0.
    fn finish(mut self) {
        let result = self.call("shutdown", Value::Null);
        assert_eq!(result["result"], Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "{status}");
    }
}

fn uri(path: &Path) -> String {
    let real = std::fs::canonicalize(path).expect("real path");
    format!("file://{}", real.display())
}

const AGENCIES: &str =
    "owner so_khdt \"Sở Kế hoạch và Đầu tư\" {\n  aka \"Sở KH&ĐT\"\n}\nowner so_yt \"Sở Y tế\"\n";

const PLAN: &str = "use \"agencies.plan\"\n\nplan \"1/KH\" {\n  period   2023..2025\n}\n\ndocument nq01 \"01/NQ-CP\" {\n  title    \"Nghị quyết\"\n}\n\ntarget bhyt \"Tỷ lệ bao phủ BHYT\" {\n  unit     \"%\"\n  goal     >= 95\n  by       2025\n  lead     so_yt\n}\n\ntask t01 \"Lập kế hoạch\" {\n  lead     so_khdt\n  due      2023-Q2\n}\n\ntask t02 \"Triển khai\" {\n  lead     so_khdt\n  support  so_yt\n  due      2023-12-31\n  after    t01\n}\n";

fn workspace() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("agencies.plan"), AGENCIES).expect("write");
    std::fs::write(dir.path().join("plan.plan"), PLAN).expect("write");
    let plan = uri(&dir.path().join("plan.plan"));
    let agencies = uri(&dir.path().join("agencies.plan"));
    (dir, plan, agencies)
}

#[test]
fn diagnostics_follow_edits_with_code_link_help_and_fix() {
    let (_dir, plan, _) = workspace();
    let mut client = Client::start(json!({ "lang": "en" }));
    client.open(&plan, PLAN);
    assert_eq!(client.diagnostics(&plan), Vec::<Value>::new());

    // `lead     so_khdt` (line 18) becomes `lead     so_khd`.
    client.change(&plan, 2, [18, 17, 18, 18], "");
    let found = client.diagnostics(&plan);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["code"], "unknown-reference");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["message"], "unknown id `so_khd`: it names no owner");
    assert_eq!(
        d["range"],
        json!({ "start": { "line": 18, "character": 11 }, "end": { "line": 18, "character": 17 } })
    );
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("docs/codes/unknown-reference.md")),
        "{d}"
    );
    assert_eq!(
        d["relatedInformation"][0]["message"],
        "help: did you mean `so_khdt`?"
    );

    // The code action writes the id the help names.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": plan }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    assert_eq!(actions[0]["title"], "write `so_khdt`");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(
        actions[0]["edit"]["changes"][&plan][0]["newText"],
        "so_khdt"
    );

    // A statement half written: a syntax error, and the rest of the file still answers.
    client.change(&plan, 3, [18, 17, 18, 17], "t");
    assert_eq!(client.diagnostics(&plan), Vec::<Value>::new());
    client.change(
        &plan,
        4,
        [28, 0, 28, 0],
        "task t03 \"Mới\" {\n  due 30/6/2023\n}\n",
    );
    let found = client.diagnostics(&plan);
    assert!(found.iter().any(|d| d["code"] == "syntax"), "{found:?}");
    let date = found
        .iter()
        .find(|d| d["range"]["start"]["line"] == 29)
        .expect("the date's error");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": plan }, "range": date["range"], "context": { "diagnostics": [] } }),
    );
    assert_eq!(
        actions[0]["edit"]["changes"][&plan][0]["newText"],
        "2023-06-30"
    );
    let hover = client.request("textDocument/hover", Client::at(&plan, 14, 12));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("Sở Y tế")),
        "{hover}"
    );
    client.finish();
}

#[test]
fn vietnamese_from_the_locale_and_the_option_wins() {
    let (_dir, plan, _) = workspace();
    let broken = PLAN.replace("lead     so_yt\n}", "lead     so_y\n}");
    // Neither: English.
    let mut client = Client::start_with(json!({ "capabilities": {} }));
    client.open(&plan, &broken);
    let found = client.diagnostics(&plan);
    assert_eq!(found[0]["message"], "unknown id `so_y`: it names no owner");
    client.finish();
    // The locale alone.
    let mut client = Client::start_with(json!({ "capabilities": {}, "locale": "vi-VN" }));
    client.open(&plan, &broken);
    let found = client.diagnostics(&plan);
    assert_eq!(
        found[0]["message"],
        "không có mã `so_y`: không trỏ tới cơ quan nào"
    );
    client.finish();
    // The option over the locale.
    let mut client = Client::start_with(
        json!({ "capabilities": {}, "locale": "vi", "initializationOptions": { "lang": "en" } }),
    );
    client.open(&plan, &broken);
    let found = client.diagnostics(&plan);
    assert_eq!(found[0]["message"], "unknown id `so_y`: it names no owner");
    client.finish();
}

impl Client {
    fn start_with(params: Value) -> Client {
        let mut client = Client::start_raw();
        let result = client.request("initialize", params);
        assert_eq!(result["serverInfo"]["name"], "kehoach");
        client.notify("initialized", json!({}));
        client
    }

    fn start_raw() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start kehoach lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().expect("length");
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx
                    .send(serde_json::from_slice(&body).expect("JSON"))
                    .is_err()
                {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 0,
            pending: Vec::new(),
        }
    }
}

#[test]
fn hover_definition_references_and_rename_across_use() {
    let (_dir, plan, agencies) = workspace();
    let mut client = Client::start(json!({ "lang": "en" }));
    client.open(&plan, PLAN);
    // `so_khdt` in `lead so_khdt` of t01 (line 18).
    let hover = client.request("textDocument/hover", Client::at(&plan, 18, 12));
    assert_eq!(
        hover["contents"]["value"],
        "**owner** `so_khdt` — Sở Kế hoạch và Đầu tư\n\n- also: \"Sở KH&ĐT\""
    );
    let hover = client.request("textDocument/hover", Client::at(&plan, 22, 6));
    assert_eq!(
        hover["contents"]["value"],
        "**task** `t02` — Triển khai\n\n- due: `2023-12-31`\n- lead: `so_khdt` (Sở Kế hoạch và Đầu tư)\n- support: `so_yt` (Sở Y tế)\n- waits for: `t01` (Lập kế hoạch)"
    );
    let hover = client.request("textDocument/hover", Client::at(&plan, 10, 8));
    assert_eq!(
        hover["contents"]["value"],
        "**target** `bhyt` — Tỷ lệ bao phủ BHYT\n\n- goal: `goal >= 95`\n- unit: `unit \"%\"`\n- when: `by 2025`\n- lead: `so_yt` (Sở Y tế)"
    );
    // A keyword's meaning.
    let hover = client.request("textDocument/hover", Client::at(&plan, 26, 3));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.starts_with("`after`: the tasks that must be done")),
        "{hover}"
    );
    let hover = client.request("textDocument/hover", Client::at(&plan, 7, 3));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.starts_with("`title`:")),
        "{hover}"
    );

    let definition = client.request("textDocument/definition", Client::at(&plan, 18, 12));
    assert_eq!(definition["uri"], agencies);
    assert_eq!(
        definition["range"]["start"],
        json!({ "line": 0, "character": 6 })
    );

    let mut params = Client::at(&plan, 18, 12);
    params["context"] = json!({ "includeDeclaration": true });
    let references = client.request("textDocument/references", params);
    let places: Vec<(String, u64)> = references
        .as_array()
        .expect("a list")
        .iter()
        .map(|l| {
            (
                l["uri"].as_str().unwrap_or("").to_string(),
                l["range"]["start"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        places,
        vec![
            (agencies.clone(), 0),
            (plan.clone(), 18),
            (plan.clone(), 23)
        ]
    );

    // Rename refuses a taken name and a word that is no id, and says why.
    let mut params = Client::at(&plan, 18, 12);
    params["newName"] = json!("so_yt");
    let refused = client.call("textDocument/rename", params.clone());
    assert_eq!(
        refused["error"]["message"],
        "`so_yt` is taken: owner `so_yt` is declared at agencies.plan:4"
    );
    params["newName"] = json!("sở kh");
    let refused = client.call("textDocument/rename", params.clone());
    assert!(
        refused["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("`sở kh` is not an id")),
        "{refused}"
    );
    params["newName"] = json!("so_kh_dt");
    let edit = client.request("textDocument/rename", params);
    assert_eq!(edit["changes"][&agencies].as_array().map(Vec::len), Some(1));
    assert_eq!(edit["changes"][&plan].as_array().map(Vec::len), Some(2));
    let prepared = client.request("textDocument/prepareRename", Client::at(&plan, 26, 12));
    assert_eq!(
        prepared,
        json!({ "start": { "line": 26, "character": 11 }, "end": { "line": 26, "character": 14 } })
    );
    client.finish();
}

fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("a list")
        .iter()
        .map(|i| i["label"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn completion_in_context() {
    let (_dir, plan, _) = workspace();
    let mut client = Client::start(json!({ "lang": "en" }));
    client.open(&plan, PLAN);
    // Attributes of a task at the start of a statement (line 19 is `  due 2023-Q2`: insert a line before it).
    client.change(&plan, 2, [19, 0, 19, 0], "  \n");
    let items = client.request("textDocument/completion", Client::at(&plan, 19, 2));
    assert_eq!(
        labels(&items),
        [
            "implements",
            "lead",
            "support",
            "monitor",
            "due",
            "every",
            "ongoing",
            "for",
            "output",
            "after",
            "note"
        ]
    );
    // Owners by their Vietnamese name, with or without diacritics, and by alias.
    for typed in ["lead Sở KH&Đ", "lead so ke hoach", "lead KH&ĐT", "lead khd"] {
        client.change(&plan, 3, [19, 0, 19, 100], &format!("  {typed}"));
        let character = u32::try_from(typed.encode_utf16().count() + 2).unwrap_or(0);
        let items = client.request("textDocument/completion", Client::at(&plan, 19, character));
        assert_eq!(labels(&items), ["so_khdt"], "{typed}");
        assert_eq!(items[0]["detail"], "Sở Kế hoạch và Đầu tư (Sở KH&ĐT)");
        assert_eq!(items[0]["textEdit"]["newText"], "so_khdt");
        assert_eq!(items[0]["textEdit"]["range"]["start"]["character"], 7);
    }
    client.change(&plan, 4, [19, 0, 19, 100], "  lead ");
    let items = client.request("textDocument/completion", Client::at(&plan, 19, 7));
    assert_eq!(labels(&items), ["so_khdt", "so_yt"]);
    client.change(&plan, 5, [19, 0, 19, 100], "  after ");
    let items = client.request("textDocument/completion", Client::at(&plan, 19, 8));
    assert_eq!(labels(&items), ["t01", "t02"]);
    client.change(&plan, 6, [19, 0, 19, 100], "  due ");
    let items = client.request("textDocument/completion", Client::at(&plan, 19, 6));
    assert_eq!(
        labels(&items),
        [
            "2023-12-31",
            "2023-06",
            "2023-Q2",
            "2023-H1",
            "Q2",
            "2023",
            "2024",
            "2025"
        ]
    );
    // Owners after a duty's `for`, documents after its `implements`; then each is a reference to its declaration.
    client.change(&plan, 7, [19, 0, 19, 100], "  for ");
    let items = client.request("textDocument/completion", Client::at(&plan, 19, 6));
    assert_eq!(labels(&items), ["so_khdt", "so_yt"]);
    client.change(&plan, 8, [19, 0, 19, 100], "  for so_yt; implements ");
    let items = client.request("textDocument/completion", Client::at(&plan, 19, 25));
    assert_eq!(labels(&items), ["nq01"]);
    client.change(&plan, 9, [19, 0, 19, 100], "  for so_yt; implements nq01");
    let definition = client.request("textDocument/definition", Client::at(&plan, 19, 27));
    assert_eq!(
        definition["range"]["start"],
        json!({ "line": 6, "character": 9 })
    );
    let hover = client.request("textDocument/hover", Client::at(&plan, 17, 6));
    assert!(
        hover["contents"]["value"].as_str().is_some_and(
            |v| v.ends_with("- for: `so_yt` (Sở Y tế)\n- implements: `nq01` (Nghị quyết)")
        ),
        "{hover}"
    );
    // Documents after `implements`, in the plan's header (line 3).
    client.change(&plan, 10, [3, 0, 3, 0], "  implements \n");
    let items = client.request("textDocument/completion", Client::at(&plan, 3, 13));
    assert_eq!(labels(&items), ["nq01"]);
    client.finish();
}

#[test]
fn outline_folding_and_formatting() {
    let (_dir, plan, _) = workspace();
    let mut client = Client::start(json!({ "lang": "en" }));
    client.open(&plan, PLAN);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": plan } }),
    );
    assert_eq!(
        labels_of_symbols(&symbols),
        ["1/KH", "nq01", "bhyt", "t01", "t02"]
    );
    let folds = client.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": plan } }),
    );
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap_or(0),
                f["endLine"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(lines, [(2, 4), (6, 8), (10, 15), (17, 20), (22, 27)]);
    // Already formatted: nothing to change.
    let edits = client.request("textDocument/formatting", json!({ "textDocument": { "uri": plan }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(edits, json!([]));
    client.change(&plan, 2, [18, 0, 18, 2], "      ");
    let edits = client.request("textDocument/formatting", json!({ "textDocument": { "uri": plan }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(edits[0]["newText"], PLAN);
    // fmt refuses a file with syntax errors, and so does the server.
    client.change(&plan, 3, [18, 0, 18, 0], "}}\n");
    let refused = client.call("textDocument/formatting", json!({ "textDocument": { "uri": plan }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert!(
        refused["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("kehoach fmt leaves the file as it is: ")),
        "{refused}"
    );
    client.finish();
}

fn labels_of_symbols(symbols: &Value) -> Vec<String> {
    symbols
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_largest_bundled_plan_opens_with_its_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/quang-ninh");
    for name in ["35-ctr-ubnd.plan", "agencies.plan"] {
        std::fs::copy(from.join(name), dir.path().join(name)).expect("copy");
    }
    let path = dir.path().join("35-ctr-ubnd.plan");
    let text = std::fs::read_to_string(&path).expect("read");
    let plan = uri(&path);
    let mut client = Client::start(json!({ "lang": "vi" }));
    client.open(&plan, &text);
    let found = client.diagnostics(&plan);
    let codes: Vec<&str> = found
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["deadline-before-issue", "deadline-before-issue"]);
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("trước")),
        "{:?}",
        found[0]
    );
    assert_eq!(
        found[0]["relatedInformation"][0]["message"],
        "ban hành ngày 08/02/2021"
    );
    client.finish();
}

/// A test that fails leaves no server behind.
impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An open buffer outside the folder is not read through `use`, saved or not, as `kehoach check` in the folder
/// reads nothing outside it: the `use` is an error and the ids declared there are not found.
#[test]
fn a_use_leading_out_of_the_folder_reads_no_buffer_there() {
    let outer = tempfile::tempdir().expect("temp dir");
    let inner = outer.path().join("plans");
    std::fs::create_dir(&inner).expect("mkdir");
    let secret = "owner so_bi_mat \"Sở bí mật\"\n";
    std::fs::write(outer.path().join("secret.plan"), secret).expect("write");
    let plan_text = "use \"../secret.plan\"\nuse \"../unsaved.plan\"\n\ntask t01 \"T\" {\n  lead so_bi_mat\n}\n";
    std::fs::write(inner.join("plan.plan"), plan_text).expect("write");
    let plan = uri(&inner.join("plan.plan"));
    let root = uri(outer.path());
    let mut client = Client::start(json!({ "lang": "en" }));
    client.open(&format!("{root}/secret.plan"), secret);
    client.open(&format!("{root}/unsaved.plan"), secret);
    client.open(&plan, plan_text);
    let codes: Vec<String> = loop {
        let found = client.diagnostics(&plan);
        if !found.is_empty() {
            break found
                .iter()
                .map(|d| format!("{}:{}", d["range"]["start"]["line"], d["code"]))
                .collect();
        }
    };
    assert_eq!(codes, ["0:\"use-not-found\"", "1:\"use-not-found\""]);
    let definition = client.request("textDocument/definition", Client::at(&plan, 4, 8));
    assert_eq!(definition, Value::Null);
    client.finish();
}
