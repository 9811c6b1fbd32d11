//! The JavaScript API as plain Rust: source maps and options in, serializable results out.
//!
//! `lib.rs` only moves values across the boundary; everything that decides something lives here, so it is tested
//! natively (`cargo test -p kehoach-wasm`) as well as through the built package.

use std::collections::BTreeMap;

use serde::Serialize;

use chrono::NaiveDate;

use kehoach::deadline::DateLit;
use kehoach::diagnostics::json::{ByteRange, JsonDiagnostic, Utf16Range};
use kehoach::diagnostics::{Code, Lang, Text};
use kehoach::eval::Report;
use kehoach::form::{Field, FormOwner};
use kehoach::limits::MAX_FILE_BYTES;
use kehoach::text;
use kehoach::{EvalOptions, Plan, Project, Refusal, Source};

use json::Json as Value;

mod json;

/// The name a plan given as one string gets in diagnostics.
pub const SINGLE_FILE_NAME: &str = "plan.plan";

/// The options the functions take, all optional: `{ lang: "vi", plan: "370/KH-UBND", asOf: "2023-09-30" }`.
/// `asOf` and `dueSoonDays` are for `evaluate`; the other functions accept and ignore them, so that one options
/// object serves every call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// Which plan to use when several are given: its number (`370/KH-UBND`) or its file's path.
    pub plan: Option<String>,
    /// The day the report describes; default: the facts' `as_of`.
    pub as_of: Option<NaiveDate>,
    /// A task due within this many days of `as_of` is `due-soon`; default 14, as on the command line.
    pub due_soon_days: Option<u32>,
}

const OPTION_NAMES: &[&str] = &["lang", "plan", "asOf", "dueSoonDays"];

impl Options {
    /// Reads the options object as `JSON.stringify` wrote it (`undefined` and `null` give the defaults).
    pub fn from_json(json: Option<&str>) -> Result<Options, Vec<JsonDiagnostic>> {
        let value: Value = match json {
            None => return Ok(Options::default()),
            Some(json) => json::parse(json).unwrap_or(Value::Null),
        };
        let map = match value {
            Value::Null => return Ok(Options::default()),
            Value::Object(map) => map,
            other => {
                let shown = kind_of(&other);
                return Err(vec![argument_problem(
                    text!(
                        "options must be an object such as `{{ lang: \"vi\" }}`, not {shown}",
                        "tùy chọn phải là một đối tượng như `{{ lang: \"vi\" }}`, không phải {shown}"
                    ),
                    None,
                    Lang::En,
                )]);
            }
        };
        let mut options = Options::default();
        let mut problems = Vec::new();
        match map.get("lang") {
            None | Some(Value::Null) => {}
            Some(Value::String(code)) if Lang::from_code(code).is_some() => {
                options.lang = Lang::from_code(code).unwrap_or_default();
            }
            Some(other) => problems.push(argument_problem(
                text!(
                    "unknown language {other}: `lang` is \"en\" or \"vi\"",
                    "ngôn ngữ {other} không hợp lệ: `lang` là \"en\" hoặc \"vi\""
                ),
                None,
                Lang::En,
            )),
        }
        match map.get("plan") {
            None | Some(Value::Null) => {}
            Some(Value::String(plan)) => options.plan = Some(plan.clone()),
            Some(other) => problems.push(argument_problem(
                text!(
                    "`plan` names a plan by its number or file, as a string, not {other}",
                    "`plan` chỉ định kế hoạch bằng số hiệu hoặc tên tệp, dạng chuỗi, không phải {other}"
                ),
                None,
                options.lang,
            )),
        }
        match map.get("asOf") {
            None | Some(Value::Null) => {}
            Some(Value::String(date)) if as_date(date).is_some() => options.as_of = as_date(date),
            Some(other) => problems.push(argument_problem(
                text!(
                    "`asOf` must be a date written `YYYY-MM-DD`, not {other}",
                    "`asOf` phải là một ngày dạng `YYYY-MM-DD`, không phải {other}"
                ),
                Some(text!(
                    "e.g. `{{ asOf: \"2023-09-30\" }}`",
                    "ví dụ `{{ asOf: \"2023-09-30\" }}`"
                )),
                options.lang,
            )),
        }
        match map.get("dueSoonDays") {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) if n.parse::<u64>().is_ok_and(|d| d <= 3660) => {
                options.due_soon_days = n.parse::<u32>().ok();
            }
            Some(other) => problems.push(argument_problem(
                text!(
                    "`dueSoonDays` must be a whole number of days from 0 to 3660, not {other}",
                    "`dueSoonDays` phải là số ngày nguyên từ 0 đến 3660, không phải {other}"
                ),
                None,
                options.lang,
            )),
        }
        for name in map.keys().filter(|k| !OPTION_NAMES.contains(&k.as_str())) {
            let known = OPTION_NAMES.join("`, `");
            let help = kehoach::fuzzy::best_match(name, OPTION_NAMES.iter().copied())
                .map(|m| text!("did you mean `{m}`?", "có phải ý bạn là `{m}`?"));
            problems.push(argument_problem(
                text!(
                    "unknown option `{name}`: the options are `{known}`",
                    "tùy chọn `{name}` không tồn tại: các tùy chọn là `{known}`"
                ),
                help,
                options.lang,
            ));
        }
        if problems.is_empty() {
            Ok(options)
        } else {
            Err(problems)
        }
    }
}

fn as_date(text: &str) -> Option<NaiveDate> {
    text.parse::<DateLit>().ok().and_then(DateLit::to_date)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A problem with an argument rather than with a file: it points at no text.
pub fn argument_problem(message: Text, help: Option<Text>, lang: Lang) -> JsonDiagnostic {
    JsonDiagnostic {
        code: Code::InvalidArgument,
        severity: Code::InvalidArgument.severity(),
        message: message.get(lang).to_string(),
        file: String::new(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        labels: Vec::new(),
        help: help.map(|h| h.get(lang).to_string()),
        label: None,
        range: ByteRange { start: 0, end: 0 },
        range_utf16: Utf16Range { start: 0, end: 0 },
    }
}

/// A file too large to read: reported against the file, before anything reads it.
fn too_large(path: &str, bytes: usize, lang: Lang) -> JsonDiagnostic {
    let (mib, limit) = (bytes / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024));
    JsonDiagnostic {
        code: Code::LimitExceeded,
        file: path.to_string(),
        ..argument_problem(
            text!(
                "the file is {mib} MiB, over the {limit} MiB limit",
                "tệp có dung lượng {mib} MiB, vượt giới hạn {limit} MiB"
            ),
            Some(text!(
                "split the plan into files of at most {limit} MiB joined with `use`",
                "hãy tách kế hoạch thành các tệp không quá {limit} MiB và nối chúng bằng `use`"
            )),
            lang,
        )
    }
}

/// The source files of a call, `{ path: source }`, in the order given.
pub type Files = Vec<(String, String)>;

/// Everything a call loaded and found.
pub struct Loaded {
    pub project: Project,
    /// Every diagnostic, as JSON, in reading order; problems with the arguments first.
    pub diagnostics: Vec<JsonDiagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == kehoach::diagnostics::Severity::Error)
    }
}

/// A text as the library takes it, or, over the size limit, why not.
fn source(path: &str, text: &str, lang: Lang) -> Result<Source, Box<JsonDiagnostic>> {
    Source::new(path, text).map_err(|refused| {
        let bytes = refused
            .too_large
            .map_or(text.len(), |b| usize::try_from(b).unwrap_or(usize::MAX));
        Box::new(too_large(path, bytes, lang))
    })
}

/// Loads and checks the files.
pub fn load(files: &[(String, String)], lang: Lang) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    for (path, text) in files {
        if path.trim().is_empty() {
            diagnostics.push(argument_problem(
                text!(
                    "a file has an empty path",
                    "có một tệp với đường dẫn rỗng"
                ),
                Some(text!(
                    "give each source a path ending in `.plan`, e.g. `{{ \"plan.plan\": source }}`",
                    "hãy đặt cho mỗi nguồn một đường dẫn kết thúc bằng `.plan`, ví dụ `{{ \"plan.plan\": source }}`"
                )),
                lang,
            ));
            continue;
        }
        match source(path, text, lang) {
            Ok(source) => sources.push(source),
            Err(problem) => diagnostics.push(*problem),
        }
    }
    let project = Project::from_sources(sources);
    // The files in memory were held to the size limit above; anything else is still said rather than dropped.
    for problem in project.unreadable() {
        diagnostics.push(argument_problem(
            text!("cannot read {problem}", "không đọc được {problem}"),
            None,
            lang,
        ));
    }
    diagnostics.extend(project.findings().to_json(lang));
    Loaded {
        project,
        diagnostics,
    }
}

/// `check(sources, options)`: every diagnostic.
pub fn check(files: &[(String, String)], options: &Options) -> Vec<JsonDiagnostic> {
    load(files, options.lang).diagnostics
}

/// What `formFields` and the other functions that need one plan return: `ok` when nothing is an error.
#[derive(Clone, Debug, Serialize)]
pub struct FormResult {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<Field>>,
    /// Every owner with its groups, for a form's "đơn vị của tôi".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<FormOwner>>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// `formFields(sources, options)`: the reporting form of the plan, or why there is none.
pub fn form_fields(files: &[(String, String)], options: &Options) -> FormResult {
    compile(files, options).form_fields_as_of(options.as_of)
}

/// A plan loaded, checked and chosen once, to be asked for its form and evaluated against facts many times: the
/// JavaScript `Plan` (`compile(sources)`), so that a form re-evaluates on every keystroke without re-checking
/// the plan. Its diagnostics are in the language asked for when it was compiled.
pub struct Compiled {
    /// Every diagnostic of the plan and of the arguments, in reading order; the problem picking the plan first.
    diagnostics: Vec<JsonDiagnostic>,
    /// The plan the calls are about, when it was found and nothing is an error.
    plan: Option<Plan>,
}

/// `compile(sources, options)`: loads and checks the files and picks the plan.
pub fn compile(files: &[(String, String)], options: &Options) -> Compiled {
    let Loaded {
        project,
        mut diagnostics,
    } = load(files, options.lang);
    let plan = match project.plan(options.plan.as_deref()) {
        Ok(plan) => Some(plan),
        Err(Refusal::Pick(problem)) => {
            let problem = argument_problem(problem.message(), Some(problem.help()), options.lang);
            diagnostics.insert(0, problem);
            None
        }
        Err(_) => None,
    };
    // A file refused before loading (too large, an empty path) is an error the project never saw.
    let has_errors = diagnostics
        .iter()
        .any(|d| d.severity == kehoach::diagnostics::Severity::Error);
    Compiled {
        diagnostics,
        plan: plan.filter(|_| !has_errors),
    }
}

impl Compiled {
    /// A plan that could not even be loaded, because the arguments were wrong: the problems say why.
    pub fn rejected(problems: Vec<JsonDiagnostic>) -> Compiled {
        Compiled {
            diagnostics: problems,
            plan: None,
        }
    }

    /// Whether the plan can be evaluated: it was found and has no error.
    pub fn ok(&self) -> bool {
        self.plan.is_some()
    }

    /// Every diagnostic of the plan (and of the arguments), in reading order.
    pub fn diagnostics(&self) -> &[JsonDiagnostic] {
        &self.diagnostics
    }

    /// The reporting form, or why there is none.
    pub fn form_fields(&self) -> FormResult {
        self.form_fields_as_of(None)
    }

    /// The reporting form on a report date: recurring duties' and reports' occurrences due by `as_of` and the
    /// next one; without it, those of the plan period.
    pub fn form_fields_as_of(&self, as_of: Option<NaiveDate>) -> FormResult {
        let fields = self.plan.as_ref().map(|p| p.form_fields_as_of(as_of));
        FormResult {
            ok: fields.is_some(),
            fields,
            owners: self.plan.as_ref().map(Plan::form_owners),
            diagnostics: self.diagnostics.clone(),
        }
    }

    /// The plan judged against the facts on `asOf` (default: the facts' own `as_of`). As on the command line,
    /// nothing is evaluated while the plan or the facts have an error.
    pub fn evaluate(&self, facts: FactsSource, options: &Options) -> EvaluateResult {
        let lang = options.lang;
        let mut diagnostics = self.diagnostics.clone();
        let failed = |diagnostics| EvaluateResult {
            ok: false,
            report: None,
            diagnostics,
        };
        let Some(plan) = &self.plan else {
            return failed(diagnostics);
        };
        let source = match Source::new(facts.name.as_str(), facts.text) {
            Ok(source) => source,
            Err(refused) => {
                let bytes = refused
                    .too_large
                    .map_or(0, |b| usize::try_from(b).unwrap_or(usize::MAX));
                diagnostics.push(too_large(&facts.name, bytes, lang));
                return failed(diagnostics);
            }
        };
        let facts = plan.facts(source);
        diagnostics.extend(facts.findings().to_json(lang));
        let eval_options = EvalOptions {
            as_of: options.as_of,
            due_soon_days: options
                .due_soon_days
                .unwrap_or(EvalOptions::DEFAULT_DUE_SOON_DAYS),
        };
        match plan.evaluate(&facts, &eval_options) {
            Ok(report) => EvaluateResult {
                ok: true,
                report: Some(report),
                diagnostics,
            },
            Err(Refusal::NoDate) => {
                diagnostics.push(argument_problem(
                    text!(
                        "no date to evaluate at: the facts give no `as_of`",
                        "không có ngày đánh giá: dữ kiện không ghi `as_of`"
                    ),
                    Some(text!(
                        "pass `{{ asOf: \"YYYY-MM-DD\" }}`, or write `as_of` in the facts",
                        "hãy truyền `{{ asOf: \"YYYY-MM-DD\" }}`, hoặc ghi `as_of` trong dữ kiện"
                    )),
                    lang,
                ));
                failed(diagnostics)
            }
            Err(_) => failed(diagnostics),
        }
    }
}

/// The facts of an `evaluate` call: a file name (which says JSON or text) and its text.
#[derive(Clone, Debug)]
pub struct FactsSource {
    pub name: String,
    pub text: String,
}

impl FactsSource {
    /// Facts given as a string: JSON when it starts with `{`, the text form otherwise.
    pub fn text(text: String) -> FactsSource {
        let name = if text.trim_start().starts_with('{') {
            "facts.json"
        } else {
            "plan.facts"
        };
        FactsSource {
            name: name.to_string(),
            text,
        }
    }

    /// Facts given as an object, already turned into JSON text by `JSON.stringify`.
    pub fn json(text: String) -> FactsSource {
        FactsSource {
            name: "facts.json".to_string(),
            text,
        }
    }
}

/// What `evaluate` returns: the report of `kehoach eval --format json`, field for field, with `ok` and the
/// diagnostics of the plan and the facts beside it; or, when either has an error, `ok: false` and the
/// diagnostics alone.
#[derive(Clone, Debug, Serialize)]
pub struct EvaluateResult {
    pub ok: bool,
    #[serde(flatten)]
    pub report: Option<Report>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// What `format` returns: each file in canonical layout (`text` for a plan given as one string, `files` by path
/// for a map), or, when any file has a syntax error, `ok: false` and the diagnostics alone.
#[derive(Clone, Debug, Serialize)]
pub struct FormatResult {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Each file by path, sorted by path, written as a JSON object.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_object")]
    pub files: Option<Vec<(String, String)>>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// `(path, text)` pairs as the JSON object `{ path: text }`.
fn as_object<S: serde::Serializer>(
    files: &Option<Vec<(String, String)>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match files {
        Some(files) => serializer.collect_map(files.iter().map(|(path, text)| (path, text))),
        None => serializer.serialize_none(),
    }
}

/// `format(sources, options)`: `kehoach fmt` on each file, which refuses a file with syntax errors (and, on a
/// defect of its own, one whose meaning would change). `single` says the plan was given as one string.
pub fn format(files: &[(String, String)], single: bool, options: &Options) -> FormatResult {
    let lang = options.lang;
    let mut formatted: Vec<(String, String)> = Vec::new();
    let mut diagnostics = Vec::new();
    for (path, text) in files {
        let source = match source(path, text, lang) {
            Ok(source) => source,
            Err(problem) => {
                diagnostics.push(*problem);
                continue;
            }
        };
        match kehoach::format(&source) {
            Ok(out) => formatted.push((path.clone(), out)),
            Err(findings) => diagnostics.extend(findings.to_json(lang)),
        }
    }
    if !diagnostics.is_empty() {
        return FormatResult {
            ok: false,
            text: None,
            files: None,
            diagnostics,
        };
    }
    let (text, files) = if single {
        (formatted.into_iter().next().map(|(_, text)| text), None)
    } else {
        // By path; a path given twice (not from JavaScript, whose object keys are unique) keeps its last text.
        (None, Some(json::by_key_last_kept(formatted)))
    };
    FormatResult {
        ok: true,
        text,
        files,
        diagnostics,
    }
}

/// One thing that may be written at the cursor, for an editor's completion list: what `kehoach lsp` offers, with
/// UTF-16 offsets (JavaScript strings') of the typed text it replaces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsCompletion {
    pub label: String,
    /// A name, a title, a keyword's meaning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// `keyword`, `value`, or what the id names: `owner`, `task`, `document`, ….
    pub kind: &'static str,
    /// What replaces `from..to`.
    pub insert: String,
    pub from: usize,
    pub to: usize,
    /// What the typed text is matched against (for an owner found by its name, the typed text itself).
    pub filter: String,
}

/// `complete(sources, file, offset, options)`: what may be written at UTF-16 offset `offset` of `file` — keywords
/// where a statement starts, ids declared in the plan after the keywords that name them (owners with their names,
/// matched with or without diacritics), deadline and recurrence forms. None for a file not among the sources.
pub fn complete(
    files: &[(String, String)],
    file: &str,
    offset_utf16: usize,
    options: &Options,
) -> Vec<JsCompletion> {
    at_offset(
        files,
        file,
        offset_utf16,
        options,
        |analysis, id, source, offset| {
            let utf16 = |byte: u32| source.utf16_offset(byte);
            analysis
                .completions(id, offset, options.lang)
                .into_iter()
                .map(|c| JsCompletion {
                    kind: match c.kind {
                        kehoach::ide::CompletionKind::Keyword => "keyword",
                        kehoach::ide::CompletionKind::Value => "value",
                        kehoach::ide::CompletionKind::Id(kind) => kind.keyword(),
                    },
                    from: utf16(c.replace.start),
                    to: utf16(c.replace.end),
                    label: c.label,
                    detail: c.detail,
                    insert: c.insert,
                    filter: c.filter,
                })
                .collect()
        },
    )
    .unwrap_or_default()
}

/// What an editor shows when the pointer rests on an id or a keyword: what `kehoach lsp` answers to `hover`, with
/// the UTF-16 offsets (JavaScript strings') of the word it describes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsHover {
    /// Markdown: a heading line (`**owner** `so_yt` — Sở Y tế`), then `- name: value` lines.
    pub markdown: String,
    pub from: usize,
    pub to: usize,
}

/// `hover(sources, file, offset, options)`: what the id or keyword at UTF-16 offset `offset` of `file` is — an
/// owner's name and aliases, a target's goal, unit, window and owners, a task's due date, lead and what it waits
/// for, a document's number, title, issuer and date, a keyword's meaning — in the options' language. None where
/// nothing is described (a comment, a string, a number) or for a file not among the sources.
pub fn hover(
    files: &[(String, String)],
    file: &str,
    offset_utf16: usize,
    options: &Options,
) -> Option<JsHover> {
    at_offset(
        files,
        file,
        offset_utf16,
        options,
        |analysis, id, source, offset| {
            let hover = analysis.hover(id, offset, options.lang)?;
            Some(JsHover {
                from: source.utf16_offset(hover.span.start),
                to: source.utf16_offset(hover.span.end),
                markdown: hover.markdown,
            })
        },
    )
    .flatten()
}

/// The sources analysed as `kehoach lsp` analyses them, and `ask` run on the file `file` at the byte offset of
/// UTF-16 offset `offset_utf16`; None for a file not among the sources.
fn at_offset<T>(
    files: &[(String, String)],
    file: &str,
    offset_utf16: usize,
    options: &Options,
    ask: impl FnOnce(
        &kehoach::ide::Analysis,
        kehoach::source::FileId,
        &kehoach::source::SourceFile,
        u32,
    ) -> T,
) -> Option<T> {
    let analysis = kehoach::ide::Analysis::new(load(files, options.lang).project);
    let (id, source) = analysis.sources().iter().find(|(_, f)| f.name == file)?;
    let offset = byte_offset(&source.text, offset_utf16);
    Some(ask(
        &analysis,
        id,
        source,
        u32::try_from(offset).unwrap_or(u32::MAX),
    ))
}

/// The byte offset of a UTF-16 offset into `text` (the end for one past it; the character's start for one inside a
/// surrogate pair).
fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units + c.len_utf16() > utf16 {
            return byte;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The sources as the functions take them, from a JavaScript string or `{ path: source }` object already read
/// into Rust: a map keeps its keys in the order JavaScript gave them.
pub fn single(source: String) -> Files {
    vec![(SINGLE_FILE_NAME.to_string(), source)]
}

/// `BTreeMap` input, for tests.
pub fn files_of(map: BTreeMap<&str, &str>) -> Files {
    map.into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests;
