//! Any bytes as an editing session against the real server loop (`cli::lsp::serve` on an in-memory connection):
//! the first line is opened as a plan beside the bundled Bến Tre agencies, and each later chunk is an edit at a
//! position the bytes choose (lines and columns past the end, inside a character's UTF-16 pair, ranges backwards)
//! followed by every request an editor sends there. The server must answer each request and never panic.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use kehoach::cli::lsp::serve;
use libfuzzer_sys::fuzz_target;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

fn folder() -> &'static PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = std::env::temp_dir().join("kehoach-fuzz-lsp");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("agencies.plan"), include_str!("../../plans/ben-tre/agencies.plan"));
        std::fs::canonicalize(&dir).unwrap_or(dir)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut chunks = text.split('\u{1}');
    let first = chunks.next().unwrap_or("");
    let uri = format!("file://{}/plan.plan", folder().display());
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || serve(&server).is_ok());
    let mut id = 0;
    let mut request = |client: &Connection, method: &str, params: Value| {
        id += 1;
        let _ = client.sender.send(Message::Request(Request::new(RequestId::from(id), method.to_string(), params)));
        loop {
            match client.receiver.recv_timeout(Duration::from_secs(20)) {
                Ok(Message::Response(r)) if r.id == RequestId::from(id) => return,
                Ok(_) => {}
                Err(_) => panic!("no answer to {method}"),
            }
        }
    };
    let notify = |client: &Connection, method: &str, params: Value| {
        let _ = client.sender.send(Message::Notification(Notification::new(method.to_string(), params)));
    };
    request(&client, "initialize", json!({ "capabilities": {}, "locale": "vi" }));
    notify(&client, "initialized", json!({}));
    notify(&client, "textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "kehoach", "version": 1, "text": first } }));
    for (n, chunk) in chunks.take(16).enumerate() {
        let mut bytes = chunk.bytes();
        let mut next = || u32::from(bytes.next().unwrap_or(0));
        let (l1, c1, l2, c2) = (next() % 64, next(), next() % 64, next());
        let at = json!({ "line": l1, "character": c1 });
        notify(&client, "textDocument/didChange", json!({
            "textDocument": { "uri": uri, "version": n + 2 },
            "contentChanges": [{ "range": { "start": at, "end": { "line": l2, "character": c2 } }, "text": chunk.get(4..).unwrap_or("") }]
        }));
        let position = json!({ "textDocument": { "uri": uri }, "position": at });
        for method in ["textDocument/hover", "textDocument/definition", "textDocument/completion", "textDocument/prepareRename"] {
            request(&client, method, position.clone());
        }
        let mut with = position.clone();
        with["context"] = json!({ "includeDeclaration": true });
        request(&client, "textDocument/references", with);
        let mut with = position.clone();
        with["newName"] = json!(chunk.get(4..12).unwrap_or("x"));
        request(&client, "textDocument/rename", with);
        let document = json!({ "textDocument": { "uri": uri } });
        request(&client, "textDocument/documentSymbol", document.clone());
        request(&client, "textDocument/foldingRange", document.clone());
        request(&client, "textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }));
        request(&client, "textDocument/codeAction", json!({ "textDocument": { "uri": uri }, "range": { "start": at, "end": at }, "context": { "diagnostics": [] } }));
    }
    request(&client, "shutdown", Value::Null);
    notify(&client, "exit", Value::Null);
    assert!(thread.join().unwrap_or(false), "the server ended with an error");
});
