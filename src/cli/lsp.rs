//! `kehoach lsp`: a Language Server over standard input and output. A thin shell: it keeps the open buffers, loads
//! the folder of a file as a [`crate::Project`], the way the command line does (the same loader and containment
//! rules, with the unsaved buffers served over the disk), asks [`crate::ide::Analysis`] and converts its plain
//! answers to the protocol's types (UTF-16 positions, URIs).
//!
//! The loop is lsp-server's, driven as rust-analyzer drives it: one thread reads messages, the main thread answers
//! each in turn. Diagnostics are published once the messages stop for [`DEBOUNCE`], so a burst of keystrokes costs
//! one check.

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::Url;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::ide::{Analysis, CompletionKind, SymbolKind};
use crate::source::{FileId, SourceFile, Span};
use crate::workspace::{self, FileSystem, Input, OsFileSystem, ReadError, Root, Walk};

/// How long the messages must stop before diagnostics are published.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

/// Runs the server until the client says `exit` or closes the stream. Returns the exit status.
pub fn run_lsp(err: &mut dyn io::Write) -> u8 {
    let (connection, io_threads) = Connection::stdio();
    let status = match serve(&connection) {
        Ok(()) => super::exit::CLEAN,
        Err(e) => {
            let _ = writeln!(err, "error: kehoach lsp: {e}");
            super::exit::FAILED
        }
    };
    drop(connection);
    match io_threads.join() {
        Ok(()) => status,
        Err(e) => {
            let _ = writeln!(err, "error: kehoach lsp: {e}");
            super::exit::FAILED
        }
    }
}

/// Serves one client on a connection (stdio for `kehoach lsp`, memory for the fuzz target): initialize, then
/// every message until shutdown and exit, or until the client goes away.
pub fn serve(connection: &Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (id, params) = connection.initialize_start()?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let lang = language(&params);
    let result = lsp::InitializeResult {
        capabilities: capabilities(),
        server_info: Some(lsp::ServerInfo {
            name: "kehoach".to_string(),
            version: Some(crate::VERSION.to_string()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server {
        connection,
        lang,
        docs: HashMap::new(),
        analyses: HashMap::new(),
        stale: BTreeSet::new(),
        published: HashMap::new(),
    };
    server.run()
}

/// The language of messages: `initializationOptions.lang` if given, else the client's locale (`vi…` is
/// Vietnamese), else English.
fn language(params: &lsp::InitializeParams) -> Lang {
    let option = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("lang"))
        .and_then(Value::as_str)
        .and_then(Lang::from_code);
    option.unwrap_or_else(|| match &params.locale {
        Some(locale) if locale.to_ascii_lowercase().starts_with("vi") => Lang::Vi,
        _ => Lang::En,
    })
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".to_string(), ",".to_string()]),
            ..Default::default()
        }),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// An open buffer.
struct Doc {
    text: String,
}

struct Server<'c> {
    connection: &'c Connection,
    lang: Lang,
    /// Open buffers, by their file's real path.
    docs: HashMap<PathBuf, Doc>,
    /// The analysis of each folder with an open file, until a buffer in it or a file changes.
    analyses: HashMap<PathBuf, Analysis>,
    /// Folders whose diagnostics are to be published.
    stale: BTreeSet<PathBuf>,
    /// What was last published for each folder: the files to clear when they are clean again.
    published: HashMap<PathBuf, BTreeSet<Url>>,
}

type Failure = (ErrorCode, String);

impl Server<'_> {
    fn run(&mut self) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        loop {
            let message = if self.stale.is_empty() {
                match self.connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                }
            } else {
                match self.connection.receiver.recv_timeout(DEBOUNCE) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => {
                        self.publish()?;
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let id = request.id.clone();
                    let response = match self.request(request) {
                        Ok(value) => Response::new_ok(id, value),
                        Err((code, message)) => Response::new_err(id, code as i32, message),
                    };
                    self.connection.sender.send(response.into())?;
                }
                Message::Notification(n) => {
                    if n.method == "exit" {
                        return Ok(());
                    }
                    self.notification(n);
                }
                Message::Response(_) => {}
            }
        }
    }

    fn send(
        &self,
        method: &str,
        params: impl serde::Serialize,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let n = Notification::new(method.to_string(), params);
        self.connection.sender.send(n.into())?;
        Ok(())
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let path = real_path(&p.text_document.uri);
                    self.docs.insert(
                        path.clone(),
                        Doc {
                            text: p.text_document.text,
                        },
                    );
                    self.changed(&path);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                {
                    let path = real_path(&p.text_document.uri);
                    if let Some(doc) = self.docs.get_mut(&path) {
                        for change in p.content_changes {
                            apply(&mut doc.text, change);
                        }
                    }
                    self.changed(&path);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    let path = real_path(&p.text_document.uri);
                    self.docs.remove(&path);
                    self.changed(&path);
                }
            }
            "textDocument/didSave" => {}
            "workspace/didChangeWatchedFiles" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(n.params)
                {
                    for change in p.changes {
                        let path = real_path(&change.uri);
                        self.changed(&path);
                    }
                }
            }
            _ => {}
        }
    }

    /// A buffer or a file changed: its folder's analysis is out of date, and its diagnostics are to be published.
    fn changed(&mut self, path: &Path) {
        let folder = folder_of(path);
        self.analyses.remove(&folder);
        if self.docs.keys().any(|p| folder_of(p) == folder) || self.published.contains_key(&folder)
        {
            self.stale.insert(folder);
        }
    }

    /// The analysis of the folder of `path`, loaded now if it is out of date.
    fn analysis(&mut self, path: &Path) -> &Analysis {
        let folder = folder_of(path);
        let docs = &self.docs;
        self.analyses
            .entry(folder.clone())
            .or_insert_with(|| analyse(&folder, docs))
    }

    fn publish(&mut self) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let folders = std::mem::take(&mut self.stale);
        for folder in folders {
            let has_open = self.docs.keys().any(|p| folder_of(p) == folder);
            let mut by_file: HashMap<Url, Vec<lsp::Diagnostic>> = HashMap::new();
            if has_open {
                let lang = self.lang;
                let analysis = self.analysis(&folder.join("_"));
                for d in analysis.diagnostics() {
                    let Some(uri) = uri_of(analysis, d.span.file) else {
                        continue;
                    };
                    if let Some(converted) = diagnostic(analysis, d, lang) {
                        by_file.entry(uri).or_default().push(converted);
                    }
                }
                for file in &analysis.workspace().files {
                    if let Some(uri) = uri_of(analysis, file.id) {
                        by_file.entry(uri).or_default();
                    }
                }
            }
            let before = self.published.remove(&folder).unwrap_or_default();
            for uri in before {
                by_file.entry(uri).or_default();
            }
            let mut now = BTreeSet::new();
            let mut files: Vec<(Url, Vec<lsp::Diagnostic>)> = by_file.into_iter().collect();
            files.sort_by(|a, b| a.0.cmp(&b.0));
            for (uri, diagnostics) in files {
                if !diagnostics.is_empty() {
                    now.insert(uri.clone());
                }
                self.send(
                    "textDocument/publishDiagnostics",
                    lsp::PublishDiagnosticsParams {
                        uri,
                        diagnostics,
                        version: None,
                    },
                )?;
            }
            if !now.is_empty() {
                self.published.insert(folder, now);
            }
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> Result<Value, Failure> {
        let Request { method, params, .. } = request;
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let lang = self.lang;
        match method.as_str() {
            "textDocument/hover" => {
                let p: lsp::HoverParams = serde_json::from_value(params).map_err(bad)?;
                let hover = self.at(&p.text_document_position_params, |a, file, offset| {
                    let h = a.hover(file, offset, lang)?;
                    Some(lsp::Hover {
                        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                            kind: lsp::MarkupKind::Markdown,
                            value: h.markdown,
                        }),
                        range: range(a, h.span),
                    })
                });
                json(serde_json::to_value(hover))
            }
            "textDocument/definition" => {
                let p: lsp::GotoDefinitionParams = serde_json::from_value(params).map_err(bad)?;
                let found = self.at(&p.text_document_position_params, |a, file, offset| {
                    location(a, a.definition(file, offset)?)
                });
                json(serde_json::to_value(
                    found.map(lsp::GotoDefinitionResponse::Scalar),
                ))
            }
            "textDocument/references" => {
                let p: lsp::ReferenceParams = serde_json::from_value(params).map_err(bad)?;
                let with = p.context.include_declaration;
                let found = self.at(&p.text_document_position, |a, file, offset| {
                    let spans = a.references(file, offset, with);
                    Some(
                        spans
                            .into_iter()
                            .filter_map(|s| location(a, s))
                            .collect::<Vec<_>>(),
                    )
                });
                json(serde_json::to_value(found))
            }
            "textDocument/prepareRename" => {
                let p: lsp::TextDocumentPositionParams =
                    serde_json::from_value(params).map_err(bad)?;
                let found = self.at(&p, |a, file, offset| {
                    range(a, a.rename_target(file, offset)?)
                });
                match found {
                    Some(r) => json(serde_json::to_value(lsp::PrepareRenameResponse::Range(r))),
                    None => Err((
                        ErrorCode::RequestFailed,
                        crate::text!(
                            "there is no id here to rename",
                            "không có mã nào ở đây để đổi tên"
                        )
                        .get(lang)
                        .to_string(),
                    )),
                }
            }
            "textDocument/rename" => {
                let p: lsp::RenameParams = serde_json::from_value(params).map_err(bad)?;
                let new_name = p.new_name;
                let found = self.at(&p.text_document_position, |a, file, offset| {
                    Some(a.rename(file, offset, &new_name).map(|edits| {
                        let mut changes: HashMap<Url, Vec<lsp::TextEdit>> = HashMap::new();
                        for e in edits {
                            if let (Some(uri), Some(range)) =
                                (uri_of(a, e.span.file), range(a, e.span))
                            {
                                changes.entry(uri).or_default().push(lsp::TextEdit {
                                    range,
                                    new_text: e.text,
                                });
                            }
                        }
                        lsp::WorkspaceEdit {
                            changes: Some(changes),
                            ..Default::default()
                        }
                    }))
                });
                match found {
                    Some(Ok(edit)) => json(serde_json::to_value(edit)),
                    Some(Err(why)) => Err((ErrorCode::RequestFailed, why.get(lang).to_string())),
                    None => Ok(Value::Null),
                }
            }
            "textDocument/completion" => {
                let p: lsp::CompletionParams = serde_json::from_value(params).map_err(bad)?;
                let items = self.at(&p.text_document_position, |a, file, offset| {
                    let items: Vec<lsp::CompletionItem> = a
                        .completions(file, offset, lang)
                        .into_iter()
                        .filter_map(|c| {
                            Some(lsp::CompletionItem {
                                label: c.label,
                                kind: Some(completion_kind(c.kind)),
                                detail: c.detail,
                                filter_text: Some(c.filter),
                                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                                    range: range(a, c.replace)?,
                                    new_text: c.insert,
                                })),
                                ..Default::default()
                            })
                        })
                        .collect();
                    Some(items)
                });
                json(serde_json::to_value(
                    items.map(lsp::CompletionResponse::Array),
                ))
            }
            "textDocument/documentSymbol" => {
                let p: lsp::DocumentSymbolParams = serde_json::from_value(params).map_err(bad)?;
                let symbols = self.in_file(&p.text_document.uri, |a, file| {
                    let symbols: Vec<lsp::DocumentSymbol> = a
                        .symbols(file)
                        .iter()
                        .filter_map(|s| symbol(a, s))
                        .collect();
                    Some(lsp::DocumentSymbolResponse::Nested(symbols))
                });
                json(serde_json::to_value(symbols))
            }
            "textDocument/foldingRange" => {
                let p: lsp::FoldingRangeParams = serde_json::from_value(params).map_err(bad)?;
                let folds = self.in_file(&p.text_document.uri, |a, file| {
                    let folds: Vec<lsp::FoldingRange> = a
                        .folds(file)
                        .into_iter()
                        .map(|f| lsp::FoldingRange {
                            start_line: u32::try_from(f.start_line.saturating_sub(1))
                                .unwrap_or(u32::MAX),
                            end_line: u32::try_from(f.end_line.saturating_sub(1))
                                .unwrap_or(u32::MAX),
                            ..Default::default()
                        })
                        .collect();
                    Some(folds)
                });
                json(serde_json::to_value(folds))
            }
            "textDocument/formatting" => {
                let p: lsp::DocumentFormattingParams =
                    serde_json::from_value(params).map_err(bad)?;
                let path = real_path(&p.text_document.uri);
                let Some(doc) = self.docs.get(&path) else {
                    return Ok(Value::Null);
                };
                // Through the facade, as `kehoach fmt`: a buffer past the size limit is refused like a file.
                let source = crate::Source::new(path.to_string_lossy(), doc.text.as_str())
                    .map_err(|e| (ErrorCode::RequestFailed, e.message(lang)))?;
                match crate::format(&source) {
                    Ok(formatted) if formatted == doc.text => {
                        json(serde_json::to_value(Vec::<lsp::TextEdit>::new()))
                    }
                    Ok(formatted) => {
                        let whole = SourceFile::new("", doc.text.as_str());
                        let end =
                            position(&whole, u32::try_from(doc.text.len()).unwrap_or(u32::MAX));
                        let edit = lsp::TextEdit {
                            range: lsp::Range {
                                start: lsp::Position::new(0, 0),
                                end,
                            },
                            new_text: formatted,
                        };
                        json(serde_json::to_value(vec![edit]))
                    }
                    Err(findings) => Err((
                        ErrorCode::RequestFailed,
                        refusal(findings.diagnostics(), lang),
                    )),
                }
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = serde_json::from_value(params).map_err(bad)?;
                let uri = p.text_document.uri.clone();
                let actions = self.in_file(&uri, |a, file| {
                    let source = a.sources().get(file)?;
                    let start = offset(source, p.range.start);
                    let end = offset(source, p.range.end);
                    let span = Span::new(file, start, end);
                    let actions: Vec<lsp::CodeActionOrCommand> = a
                        .fixes(file, span)
                        .into_iter()
                        .filter_map(|(d, fix)| {
                            let edit = lsp::TextEdit {
                                range: range(a, fix.span)?,
                                new_text: fix.replacement.clone(),
                            };
                            let target = uri_of(a, fix.span.file)?;
                            Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                                title: fix.title.get(lang).to_string(),
                                kind: Some(lsp::CodeActionKind::QUICKFIX),
                                diagnostics: diagnostic(a, d, lang).map(|d| vec![d]),
                                edit: Some(lsp::WorkspaceEdit {
                                    changes: Some(HashMap::from([(target, vec![edit])])),
                                    ..Default::default()
                                }),
                                is_preferred: Some(true),
                                ..Default::default()
                            }))
                        })
                        .collect();
                    Some(actions)
                });
                json(serde_json::to_value(actions))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unknown request `{method}`"),
            )),
        }
    }

    /// Asks the analysis about a position of an open file.
    fn at<T>(
        &mut self,
        p: &lsp::TextDocumentPositionParams,
        f: impl FnOnce(&Analysis, FileId, u32) -> Option<T>,
    ) -> Option<T> {
        let at = p.position;
        self.in_file(&p.text_document.uri, |a, file| {
            let source = a.sources().get(file)?;
            let offset = u32::try_from(offset(source, at)).unwrap_or(u32::MAX);
            f(a, file, offset)
        })
    }

    /// Asks the analysis about a file.
    fn in_file<T>(
        &mut self,
        uri: &Url,
        f: impl FnOnce(&Analysis, FileId) -> Option<T>,
    ) -> Option<T> {
        let path = real_path(uri);
        let analysis = self.analysis(&path);
        let file = analysis.file_at(&path)?;
        f(analysis, file)
    }
}

/// Why `fmt` refuses the text, in one line: its first error and how many more.
fn refusal(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let first = diagnostics
        .first()
        .map(|d| d.message.get(lang).to_string())
        .unwrap_or_default();
    let n = diagnostics.len();
    match lang {
        Lang::En => {
            format!("kehoach fmt leaves the file as it is: {n} error(s), the first: {first}")
        }
        Lang::Vi => format!("kehoach fmt giữ nguyên tệp: {n} lỗi, lỗi đầu tiên: {first}"),
    }
}

fn completion_kind(kind: CompletionKind) -> lsp::CompletionItemKind {
    match kind {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Value => lsp::CompletionItemKind::VALUE,
        CompletionKind::Id(SymbolKind::Owner | SymbolKind::Group) => lsp::CompletionItemKind::CLASS,
        CompletionKind::Id(SymbolKind::Document) => lsp::CompletionItemKind::FILE,
        CompletionKind::Id(SymbolKind::Target | SymbolKind::Measure) => {
            lsp::CompletionItemKind::VARIABLE
        }
        CompletionKind::Id(SymbolKind::Task) => lsp::CompletionItemKind::EVENT,
        CompletionKind::Id(SymbolKind::Report | SymbolKind::Rule) => {
            lsp::CompletionItemKind::INTERFACE
        }
    }
}

fn symbol(a: &Analysis, s: &crate::ide::Symbol) -> Option<lsp::DocumentSymbol> {
    let kind = match s.kind {
        None => lsp::SymbolKind::NAMESPACE,
        Some(SymbolKind::Owner | SymbolKind::Group) => lsp::SymbolKind::CLASS,
        Some(SymbolKind::Document) => lsp::SymbolKind::FILE,
        Some(SymbolKind::Target | SymbolKind::Measure) => lsp::SymbolKind::VARIABLE,
        Some(SymbolKind::Task) => lsp::SymbolKind::EVENT,
        Some(SymbolKind::Report) => lsp::SymbolKind::INTERFACE,
        Some(SymbolKind::Rule) => lsp::SymbolKind::OPERATOR,
    };
    #[expect(
        deprecated,
        reason = "lsp-types has no constructor without the deprecated field"
    )]
    Some(lsp::DocumentSymbol {
        name: if s.name.is_empty() {
            "_".to_string()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind,
        tags: None,
        deprecated: None,
        range: range(a, s.span)?,
        selection_range: range(a, s.selection)?,
        children: Some(s.children.iter().filter_map(|c| symbol(a, c)).collect()),
    })
}

/// The protocol's diagnostic: code and its explanation's address, the message, the other places, the help.
fn diagnostic(a: &Analysis, d: &Diagnostic, lang: Lang) -> Option<lsp::Diagnostic> {
    let here = location(a, d.span)?;
    let mut related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter_map(|l| {
            Some(lsp::DiagnosticRelatedInformation {
                location: location(a, l.span)?,
                message: l.text.get(lang).to_string(),
            })
        })
        .collect();
    if let Some(help) = &d.help {
        let word = match lang {
            Lang::En => "help",
            Lang::Vi => "gợi ý",
        };
        related.push(lsp::DiagnosticRelatedInformation {
            location: here.clone(),
            message: format!("{word}: {}", help.get(lang)),
        });
    }
    let mut message = d.message.get(lang).to_string();
    if let Some(label) = &d.label {
        message = format!("{message} ({})", label.get(lang));
    }
    Some(lsp::Diagnostic {
        range: here.range,
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        code_description: explanation(d.code).map(|href| lsp::CodeDescription { href }),
        source: Some("kehoach".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    })
}

/// Where a code is explained: the repository's `docs/codes/CODE.md` when the package names its repository, else
/// that file in the source tree kehoach was built from, if it is still there (`kehoach explain CODE` prints the
/// same text either way).
pub fn explanation(code: crate::diagnostics::Code) -> Option<Url> {
    if let Some(uri) = super::explain::help_uri(code) {
        return Url::parse(&uri).ok();
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/codes")
        .join(format!("{}.md", code.as_str()));
    path.is_file()
        .then(|| Url::from_file_path(&path).ok())
        .flatten()
}

fn uri_of(a: &Analysis, file: FileId) -> Option<Url> {
    let path = &a.workspace().file(file)?.path;
    Url::from_file_path(path).ok()
}

fn location(a: &Analysis, span: Span) -> Option<lsp::Location> {
    Some(lsp::Location {
        uri: uri_of(a, span.file)?,
        range: range(a, span)?,
    })
}

fn range(a: &Analysis, span: Span) -> Option<lsp::Range> {
    let source = a.sources().get(span.file)?;
    Some(lsp::Range {
        start: position(source, span.start),
        end: position(source, span.end),
    })
}

/// A byte offset as the protocol counts: 0-based line, UTF-16 code units into it.
fn position(source: &SourceFile, offset: u32) -> lsp::Position {
    let line = source.line_col(offset).line;
    let start = source.line_start(line).unwrap_or(0);
    let from = source.utf16_offset(u32::try_from(start).unwrap_or(u32::MAX));
    let to = source.utf16_offset(offset);
    lsp::Position::new(
        u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX),
        u32::try_from(to.saturating_sub(from)).unwrap_or(u32::MAX),
    )
}

/// A protocol position as a byte offset, clamped to its line and to the text.
fn offset(source: &SourceFile, at: lsp::Position) -> usize {
    offset_in(&source.text, at)
}

/// [`offset`] on a bare text: line breaks are `\n`, `\r\n` and a lone `\r`, as the protocol and [`SourceFile`] say.
fn offset_in(text: &str, at: lsp::Position) -> usize {
    let bytes = text.as_bytes();
    let mut line = 0u32;
    let mut i = 0usize;
    while line < at.line {
        match memchr::memchr2(b'\n', b'\r', bytes.get(i..).unwrap_or(&[])) {
            Some(found) => {
                i += found;
                let crlf = bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n');
                i += if crlf { 2 } else { 1 };
                line += 1;
            }
            None => return text.len(),
        }
    }
    let mut units = 0u32;
    for (j, c) in text.get(i..).unwrap_or("").char_indices() {
        if c == '\n' || c == '\r' || units >= at.character {
            return i + j;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    text.len()
}

/// Applies one change of an incremental (or full) sync.
fn apply(text: &mut String, change: lsp::TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(r) => {
            let start = offset_in(text, r.start);
            let end = offset_in(text, r.end).max(start);
            if text.is_char_boundary(start) && text.is_char_boundary(end) {
                text.replace_range(start..end, &change.text);
            }
        }
    }
}

/// The real path of a `file:` URI (its symbolic links resolved when it exists), so that an open buffer and the
/// file the loader reads are one key.
fn real_path(uri: &Url) -> PathBuf {
    let path = uri
        .to_file_path()
        .unwrap_or_else(|()| PathBuf::from(uri.path()));
    std::fs::canonicalize(&path).unwrap_or_else(|_| workspace::normalize(&path))
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

/// Loads the folder's visible `.plan` files and the open buffers in it, and what they `use`, all contained in the
/// folder: nothing outside it is read, as on the command line.
fn analyse(folder: &Path, docs: &HashMap<PathBuf, Doc>) -> Analysis {
    let fs = Overlay { docs, folder };
    let mut names: BTreeSet<PathBuf> = fs
        .plan_names(folder)
        .into_iter()
        .map(|n| folder.join(n))
        .collect();
    names.extend(
        docs.keys()
            .filter(|p| folder_of(p) == folder && workspace::is_plan(p))
            .cloned(),
    );
    let inputs: Vec<Input> = names
        .into_iter()
        .map(|path| Input {
            path,
            root: folder.to_path_buf(),
        })
        .collect();
    Analysis::new(crate::Project::open_through(&fs, &inputs))
}

/// The disk, with the open buffers over it.
struct Overlay<'d> {
    docs: &'d HashMap<PathBuf, Doc>,
    /// Files are named relative to it, as `kehoach check` in that folder names them.
    folder: &'d Path,
}

impl FileSystem for Overlay<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        match self.docs.get(path) {
            Some(doc) => Ok(doc.text.as_bytes().to_vec()),
            None => OsFileSystem.read(path),
        }
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        match OsFileSystem.canonicalize(path) {
            Ok(real) => Ok(real),
            // A buffer not saved yet.
            Err(e) => {
                let normal = workspace::normalize(path);
                if self.docs.contains_key(&normal) {
                    Ok(normal)
                } else {
                    Err(e)
                }
            }
        }
    }

    fn is_dir(&self, path: &Path) -> bool {
        OsFileSystem.is_dir(path)
    }

    fn is_link(&self, path: &Path) -> bool {
        OsFileSystem.is_link(path)
    }

    fn walk(&self, dir: &Path, root: &Root) -> Walk {
        OsFileSystem.walk(dir, root)
    }

    fn plan_names(&self, dir: &Path) -> Vec<String> {
        OsFileSystem.plan_names(dir)
    }

    fn display_name(&self, path: &Path) -> String {
        OsFileSystem.display_name(path.strip_prefix(self.folder).unwrap_or(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_every_line_break() {
        let text = "a\r\nSở 𝄞x\rb\nc";
        let source = SourceFile::new("t", text);
        let x = text.find('x').unwrap_or(0);
        let at = position(&source, u32::try_from(x).unwrap_or(0));
        // `S`, `ở`, ` ` and the two units of `𝄞`.
        assert_eq!(at, lsp::Position::new(1, 5));
        assert_eq!(offset(&source, at), x);
        assert_eq!(
            offset(&source, lsp::Position::new(2, 0)),
            text.find('b').unwrap_or(0)
        );
        // Past the end of a line: its end; past the last line: the text's end.
        assert_eq!(offset(&source, lsp::Position::new(0, 99)), 1);
        assert_eq!(offset(&source, lsp::Position::new(9, 0)), text.len());
    }

    #[test]
    fn incremental_changes_replace_their_range() {
        let mut text = "task t1 \"Việc\" {\n  lead so_yt\n}\n".to_string();
        apply(
            &mut text,
            lsp::TextDocumentContentChangeEvent {
                range: Some(lsp::Range::new(
                    lsp::Position::new(1, 7),
                    lsp::Position::new(1, 12),
                )),
                range_length: None,
                text: "so_tc".to_string(),
            },
        );
        assert_eq!(text, "task t1 \"Việc\" {\n  lead so_tc\n}\n");
    }
}
