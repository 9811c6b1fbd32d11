//! The JavaScript API as plain Rust: source maps and options in, serializable results out.
//!
//! `lib.rs` only moves values across the boundary; everything that decides something lives here, so it is tested
//! natively (`cargo test -p kehoach-wasm`) as well as through the built package.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use chrono::NaiveDate;

use kehoach::check::{Checked, check_workspace};
use kehoach::deadline::DateLit;
use kehoach::diagnostics::json::{ByteRange, JsonDiagnostic, Utf16Range, to_json};
use kehoach::diagnostics::{Code, Lang, Text, sort_and_dedup};
use kehoach::eval::{self, Report};
use kehoach::facts;
use kehoach::form::{self, Field, FormOwner};
use kehoach::limits::MAX_FILE_BYTES;
use kehoach::model::Model;
use kehoach::source::{SourceFile, Sources};
use kehoach::text;
use kehoach::workspace::{MemoryFileSystem, Workspace, load_memory};

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
            Some(json) => serde_json::from_str(json).unwrap_or(Value::Null),
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
            Some(Value::Number(n)) if n.as_u64().is_some_and(|d| d <= 3660) => {
                options.due_soon_days = n.as_u64().and_then(|d| u32::try_from(d).ok());
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
    pub workspace: Workspace,
    pub checked: Checked,
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

/// Loads and checks the files.
pub fn load(files: &[(String, String)], lang: Lang) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut fs = MemoryFileSystem::new();
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
        } else if text.len() > MAX_FILE_BYTES {
            diagnostics.push(too_large(path, text.len(), lang));
        } else {
            fs.insert(path, text.as_str());
        }
    }
    let workspace = load_memory(&fs);
    // The in-memory files only fail to read when too large, which is reported above; anything else is still
    // said rather than dropped.
    for problem in &workspace.unreadable {
        diagnostics.push(argument_problem(
            text!("cannot read {problem}", "không đọc được {problem}"),
            None,
            lang,
        ));
    }
    let checked = check_workspace(&workspace);
    diagnostics.extend(to_json(&checked.diagnostics, &workspace.sources, lang));
    Loaded {
        workspace,
        checked,
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
    compile(files, options).form_fields()
}

/// A plan loaded, checked and chosen once, to be asked for its form and evaluated against facts many times: the
/// JavaScript `Plan` (`compile(sources)`), so that a form re-evaluates on every keystroke without re-checking
/// the plan. Its diagnostics are in the language asked for when it was compiled.
pub struct Compiled {
    loaded: Loaded,
    /// The plan the calls are about, or why there is none (then the first diagnostic).
    chosen: Option<usize>,
}

/// `compile(sources, options)`: loads and checks the files and picks the plan.
pub fn compile(files: &[(String, String)], options: &Options) -> Compiled {
    let mut loaded = load(files, options.lang);
    let chosen = match choose_plan(&loaded, options) {
        Ok(ix) => Some(ix),
        Err(problem) => {
            loaded.diagnostics.insert(0, *problem);
            None
        }
    };
    Compiled { loaded, chosen }
}

impl Compiled {
    /// A plan that could not even be loaded, because the arguments were wrong: the problems say why.
    pub fn rejected(problems: Vec<JsonDiagnostic>) -> Compiled {
        let mut loaded = load(&[], Lang::En);
        loaded.diagnostics = problems;
        Compiled {
            loaded,
            chosen: None,
        }
    }

    /// Whether the plan can be evaluated: it was found and has no error.
    pub fn ok(&self) -> bool {
        self.model().is_some()
    }

    /// Every diagnostic of the plan (and of the arguments), in reading order.
    pub fn diagnostics(&self) -> &[JsonDiagnostic] {
        &self.loaded.diagnostics
    }

    fn model(&self) -> Option<&Model> {
        self.chosen
            .filter(|_| !self.loaded.has_errors())
            .and_then(|ix| self.loaded.checked.models.get(ix))
    }

    /// The reporting form, or why there is none.
    pub fn form_fields(&self) -> FormResult {
        let fields = self.model().map(form::fields);
        FormResult {
            ok: fields.is_some(),
            fields,
            owners: self.model().map(form::owners_of),
            diagnostics: self.loaded.diagnostics.clone(),
        }
    }

    /// The plan judged against the facts on `asOf` (default: the facts' own `as_of`). As on the command line,
    /// nothing is evaluated while the plan or the facts have an error.
    pub fn evaluate(&self, facts: &FactsSource, options: &Options) -> EvaluateResult<'_> {
        let lang = options.lang;
        let mut diagnostics = self.loaded.diagnostics.clone();
        let failed = |diagnostics| EvaluateResult {
            ok: false,
            report: None,
            diagnostics,
        };
        let Some(model) = self.model() else {
            return failed(diagnostics);
        };
        if facts.text.len() > MAX_FILE_BYTES {
            diagnostics.push(too_large(&facts.name, facts.text.len(), lang));
            return failed(diagnostics);
        }
        // The facts' diagnostics point into the facts and, through labels, into the plan: one set of sources,
        // made only when there is a diagnostic to show (a form re-evaluates on every keystroke).
        let file = self.loaded.workspace.sources.next_id();
        let (read, mut problems) = facts::read(&facts.name, &facts.text, file);
        let checked = read.as_ref().map(|f| facts::check(model, f));
        if let Some(checked) = &checked {
            problems.extend(checked.diagnostics.iter().cloned());
        }
        sort_and_dedup(&mut problems);
        let has_errors = problems.iter().any(|d| d.is_error());
        if !problems.is_empty() {
            let mut sources = self.loaded.workspace.sources.clone();
            sources.add(SourceFile::new(facts.name.clone(), facts.text.as_str()));
            diagnostics.extend(to_json(&problems, &sources, lang));
        }
        let Some(checked) = checked.filter(|_| !has_errors) else {
            return failed(diagnostics);
        };
        let Some(as_of) = options.as_of.or(checked.index.as_of) else {
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
            return failed(diagnostics);
        };
        let eval_options = eval::Options {
            as_of,
            due_soon_days: options
                .due_soon_days
                .unwrap_or(eval::Options::DEFAULT_DUE_SOON_DAYS),
        };
        EvaluateResult {
            ok: true,
            report: Some(eval::evaluate_index(model, &checked.index, &eval_options)),
            diagnostics,
        }
    }
}

/// The plan a call is about, as an index into the checked models: the one named by `options.plan`, else the only
/// one given.
pub fn choose_plan(loaded: &Loaded, options: &Options) -> Result<usize, Box<JsonDiagnostic>> {
    let lang = options.lang;
    let models = &loaded.checked.models;
    let number = |m: &Model| m.plan.as_ref().map(|p| p.number.clone());
    let file = |m: &Model| loaded.workspace.sources.name(m.root).to_string();
    if let Some(wanted) = &options.plan {
        let wanted_file = wanted.trim_start_matches("./").trim_start_matches('/');
        return models
            .iter()
            .position(|m| number(m).as_deref() == Some(wanted.as_str()) || file(m) == wanted_file)
            .ok_or_else(|| {
                let given = names(models.iter().map(|m| number(m).unwrap_or_else(|| file(m))));
                Box::new(argument_problem(
                    text!(
                        "no plan `{wanted}` among the given files",
                        "không có kế hoạch `{wanted}` trong các tệp đã cho"
                    ),
                    Some(text!(
                        "the plans given are: {given}",
                        "các kế hoạch đã cho: {given}"
                    )),
                    lang,
                ))
            });
    }
    let with_header: Vec<usize> = (0..models.len())
        .filter(|&ix| models.get(ix).is_some_and(|m| m.plan.is_some()))
        .collect();
    match (models.len(), with_header.as_slice()) {
        (1, _) => Ok(0),
        (_, [only]) => Ok(*only),
        (0, _) => Err(Box::new(argument_problem(
            text!("no plan was given", "chưa có kế hoạch nào"),
            Some(text!(
                "pass the text of a `.plan` file, or an object `{{ path: text }}`",
                "hãy truyền nội dung một tệp `.plan`, hoặc một đối tượng `{{ đường_dẫn: nội_dung }}`"
            )),
            lang,
        ))),
        _ => {
            let given = names(
                with_header
                    .iter()
                    .filter_map(|&ix| models.get(ix).and_then(number)),
            );
            Err(Box::new(argument_problem(
                text!(
                    "several plans were given: {given}",
                    "có nhiều kế hoạch: {given}"
                ),
                Some(text!(
                    "name the one to use: `{{ plan: \"…\" }}` with its number or file",
                    "hãy chỉ định kế hoạch cần dùng: `{{ plan: \"…\" }}` với số hiệu hoặc tên tệp"
                )),
                lang,
            )))
        }
    }
}

/// The facts of an `evaluate` call: a file name (which says JSON or text) and its text.
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
pub struct EvaluateResult<'m> {
    pub ok: bool,
    #[serde(flatten)]
    pub report: Option<Report<'m>>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// What `format` returns: each file in canonical layout (`text` for a plan given as one string, `files` by path
/// for a map), or, when any file has a syntax error, `ok: false` and the diagnostics alone.
#[derive(Clone, Debug, Serialize)]
pub struct FormatResult {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<BTreeMap<String, String>>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// `format(sources, options)`: `kehoach fmt` on each file, which refuses a file with syntax errors (and, on a
/// defect of its own, one whose meaning would change). `single` says the plan was given as one string.
pub fn format(files: &[(String, String)], single: bool, options: &Options) -> FormatResult {
    let lang = options.lang;
    let mut formatted = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for (path, text) in files {
        if text.len() > MAX_FILE_BYTES {
            diagnostics.push(too_large(path, text.len(), lang));
            continue;
        }
        match kehoach::fmt::format(text) {
            Ok(out) => {
                formatted.insert(path.clone(), out);
            }
            Err(mut problems) => {
                // The formatter's diagnostics point into its only file, `kehoach::fmt::FILE`.
                let mut sources = Sources::new();
                sources.add(SourceFile::new(path.clone(), text.as_str()));
                sort_and_dedup(&mut problems);
                diagnostics.extend(to_json(&problems, &sources, lang));
            }
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
        (formatted.into_values().next(), None)
    } else {
        (None, Some(formatted))
    };
    FormatResult {
        ok: true,
        text,
        files,
        diagnostics,
    }
}

fn names(names: impl Iterator<Item = String>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
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
