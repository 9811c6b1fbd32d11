//! kehoach for JavaScript: a thin wasm-bindgen layer that moves values between JavaScript and [`api`].
//!
//! Values cross the boundary as JSON text, in both directions: results are serialized with the same serde shapes
//! as the command line's `--format json` and parsed with `JSON.parse`, so a report in the browser is the CLI's
//! report; options and facts are turned into text with `JSON.stringify`, so a number such as `8.1` arrives as
//! its digits and is read as a decimal, never through a binary float. Problems are returned as values
//! (diagnostics), never thrown.

pub mod api;
mod shown;
pub mod varying;

use std::cell::RefCell;

use js_sys::{Array, JSON, Object};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use api::{FactsSource, Files, Options};
use kehoach::diagnostics::Lang;
use kehoach::diagnostics::json::JsonDiagnostic;
use kehoach::text;
use shown::Shown;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// The options object, typed `Options` in TypeScript; an `Option` of it makes the parameter optional there.
    #[wasm_bindgen(typescript_type = "Options")]
    pub type JsOptions;
}

/// Every diagnostic of the plan, in reading order.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    options: Option<JsOptions>,
) -> JsValue {
    with_sources(
        &sources,
        options,
        |problems| to_js(&problems),
        |files, options| to_js(&api::check(&files, options)),
    )
}

/// What a reporting form for the plan must ask: one field per measure, target and task.
#[wasm_bindgen(js_name = formFields, unchecked_return_type = "FormFieldsResult")]
pub fn form_fields(
    #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    options: Option<JsOptions>,
) -> JsValue {
    with_sources(&sources, options, failed, |files, options| {
        to_js(&api::form_fields(&files, options))
    })
}

/// The plan judged against the facts: the report of `kehoach eval --format json`, with `ok` and the diagnostics.
#[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FactsInput")] facts: JsValue,
    options: Option<JsOptions>,
) -> JsValue {
    let options = match read_options(options) {
        Ok(options) => options,
        Err(problems) => return failed(problems),
    };
    let files = read_sources(&sources, options.lang);
    let facts = read_facts(&facts, options.lang);
    match (files, facts) {
        (Ok(files), Ok(facts)) => to_js(&api::compile(&files, &options).evaluate(facts, &options)),
        (files, facts) => failed(
            files
                .err()
                .into_iter()
                .flatten()
                .chain(facts.err().into_iter().flatten())
                .collect(),
        ),
    }
}

/// Each file in canonical layout, as `kehoach fmt` writes it: `{ ok: true, text }` for a string, `{ ok: true,
/// files: { path: text } }` for a map, or `{ ok: false, diagnostics }` when a file has a syntax error.
#[wasm_bindgen(unchecked_return_type = "FormatResult")]
pub fn format(
    #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    options: Option<JsOptions>,
) -> JsValue {
    with_sources(&sources, options, failed, |files, options| {
        to_js(&api::format(&files, sources.is_string(), options))
    })
}

/// What may be written at UTF-16 offset `offset` of the file `file` of the sources, for an editor's completion:
/// keywords where a statement starts, the plan's ids after the keywords that name them, deadline forms.
#[wasm_bindgen(unchecked_return_type = "Completion[]")]
pub fn complete(
    #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    file: &str,
    offset: u32,
    options: Option<JsOptions>,
) -> JsValue {
    with_sources(
        &sources,
        options,
        |_| to_js(&Vec::<api::JsCompletion>::new()),
        |files, options| to_js(&api::complete(&files, file, utf16(offset), options)),
    )
}

/// What the id or keyword at UTF-16 offset `offset` of the file `file` is, for an editor's hover: the same text
/// `kehoach lsp` gives (Markdown), and the word's range; `null` where there is nothing to describe.
#[wasm_bindgen(unchecked_return_type = "Hover | null")]
pub fn hover(
    #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    file: &str,
    offset: u32,
    options: Option<JsOptions>,
) -> JsValue {
    with_sources(
        &sources,
        options,
        |_| JsValue::NULL,
        |files, options| {
            api::hover(&files, file, utf16(offset), options).map_or(JsValue::NULL, |h| to_js(&h))
        },
    )
}

/// A UTF-16 offset from JavaScript as the API takes it (one past any text when it does not fit).
fn utf16(offset: u32) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

/// Reads the options and then the sources, and runs `run` on them; a problem with either goes to `fail`.
fn with_sources(
    sources: &JsValue,
    options: Option<JsOptions>,
    fail: fn(Vec<JsonDiagnostic>) -> JsValue,
    run: impl FnOnce(Files, &Options) -> JsValue,
) -> JsValue {
    let options = match read_options(options) {
        Ok(options) => options,
        Err(problems) => return fail(problems),
    };
    match read_sources(sources, options.lang) {
        Ok(files) => run(files, &options),
        Err(problems) => fail(problems),
    }
}

/// A plan checked once, to be asked for its form and evaluated many times (a form re-evaluating on every input
/// need not re-check the plan). Free it with `free()` when done, or let the garbage collector do it.
#[wasm_bindgen]
pub struct Plan {
    compiled: api::Compiled,
    /// What the last evaluation showed JavaScript, so that the next one carries across only what changed.
    shown: RefCell<Option<Shown>>,
}

/// Loads and checks the plan once: `compile(sources, options).evaluate(facts, { asOf })`.
#[wasm_bindgen]
pub fn compile(
    #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    options: Option<JsOptions>,
) -> Plan {
    let compiled = match read_options(options) {
        Ok(options) => match read_sources(&sources, options.lang) {
            Ok(files) => api::compile(&files, &options),
            Err(problems) => api::Compiled::rejected(problems),
        },
        Err(problems) => api::Compiled::rejected(problems),
    };
    Plan {
        compiled,
        shown: RefCell::new(None),
    }
}

#[wasm_bindgen]
impl Plan {
    /// Whether the plan was found and has no error, so that it can be evaluated.
    #[wasm_bindgen(getter)]
    pub fn ok(&self) -> bool {
        self.compiled.ok()
    }

    /// Every diagnostic of the plan, in reading order, in the language it was compiled with.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> JsValue {
        to_js(&self.compiled.diagnostics())
    }

    /// The reporting form of the plan, as `formFields` gives it.
    #[wasm_bindgen(js_name = formFields, unchecked_return_type = "FormFieldsResult")]
    pub fn form_fields(&self) -> JsValue {
        to_js(&self.compiled.form_fields())
    }

    /// The plan judged against the facts, as `evaluate` gives it; `lang` applies to the facts' diagnostics.
    ///
    /// The report's items (targets, tasks, owners, …) are frozen, and an item that did not change since this plan's
    /// last evaluation is the very object of the last report (`===`), so a page can redraw only what changed. Only
    /// the changed items cross from WebAssembly: re-evaluating after a keystroke costs well under a millisecond
    /// for a seed plan. Each report has its own lists, `summary` and `plan`.
    #[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FactsInput")] facts: JsValue,
        options: Option<JsOptions>,
    ) -> JsValue {
        let options = match read_options(options) {
            Ok(options) => options,
            Err(problems) => return failed(problems),
        };
        match read_facts(&facts, options.lang) {
            Ok(facts) => self.to_js(&self.compiled.evaluate(facts, &options)),
            Err(problems) => failed(problems),
        }
    }
}

impl Plan {
    /// An evaluation as a JavaScript value: for a report, built from the previous one and what changed (see
    /// [`shown`]); otherwise, or should that fail, whole, as [`to_js`] gives it.
    fn to_js(&self, result: &api::EvaluateResult) -> JsValue {
        if result.report.is_none() {
            return to_js(result);
        }
        let mut shown = self.shown.borrow_mut();
        let report = match shown.as_mut() {
            Some(kept) => kept.next(result),
            None => {
                Shown::first(result, self.compiled.diagnostics().len()).map(|(kept, report)| {
                    *shown = Some(kept);
                    report
                })
            }
        };
        report.unwrap_or_else(|| {
            *shown = None;
            to_js(result)
        })
    }
}

/// The version of kehoach this package was built from.
#[wasm_bindgen]
pub fn version() -> String {
    kehoach::VERSION.to_string()
}

#[derive(Serialize)]
struct Failed {
    ok: bool,
    diagnostics: Vec<JsonDiagnostic>,
}

fn failed(diagnostics: Vec<JsonDiagnostic>) -> JsValue {
    to_js(&Failed {
        ok: false,
        diagnostics,
    })
}

/// A result as a JavaScript value, through JSON text: the CLI's shapes exactly.
fn to_js(value: &impl Serialize) -> JsValue {
    // Serializing these plain structs cannot fail; should it ever, the caller still gets a value, not a throw.
    let mut json = Vec::with_capacity(4096);
    varying::write_json(value, &mut json)
        .ok()
        .and_then(|()| String::from_utf8(json).ok())
        .and_then(|json| JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL)
}

/// `JSON.stringify(value)`, or `None` for `undefined` (and for values JSON cannot hold, reported by the caller).
fn stringify(value: &JsValue) -> Option<String> {
    if value.is_undefined() {
        return None;
    }
    JSON::stringify(value)
        .ok()
        .and_then(|s| JsValue::from(s).as_string())
}

fn read_options(options: Option<JsOptions>) -> Result<Options, Vec<JsonDiagnostic>> {
    let Some(options) = options else {
        return Ok(Options::default());
    };
    let value: &JsValue = options.as_ref();
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    match stringify(value) {
        Some(json) => Options::from_json(Some(&json)),
        None => Err(vec![api::argument_problem(
            text!(
                "options cannot be read as JSON",
                "không đọc được tùy chọn dưới dạng JSON"
            ),
            Some(text!(
                "pass a plain object such as `{{ lang: \"vi\" }}`",
                "hãy truyền một đối tượng đơn giản như `{{ lang: \"vi\" }}`"
            )),
            Lang::En,
        )]),
    }
}

/// Facts as text (the `.facts` form, or JSON text) or as an object shaped like SPEC section 6's JSON.
fn read_facts(facts: &JsValue, lang: Lang) -> Result<FactsSource, Vec<JsonDiagnostic>> {
    if let Some(text) = facts.as_string() {
        return Ok(FactsSource::text(text));
    }
    let is_object =
        facts.is_object() && !facts.is_null() && !Array::is_array(facts) && !facts.is_function();
    match stringify(facts).filter(|_| is_object) {
        Some(json) => Ok(FactsSource::json(json)),
        None => {
            let shown = shown_type(facts);
            Err(vec![api::argument_problem(
                text!(
                    "the facts must be an object such as `{{ values: {{ … }} }}` or their text, not {shown}",
                    "dữ kiện phải là một đối tượng như `{{ values: {{ … }} }}` hoặc văn bản của chúng, không phải {shown}"
                ),
                None,
                lang,
            )])
        }
    }
}

/// How a message names the type of a value that has the wrong one.
fn shown_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if Array::is_array(value) {
        "an array".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// A string, or an object `{ path: source }` whose values are strings.
fn read_sources(sources: &JsValue, lang: Lang) -> Result<Files, Vec<JsonDiagnostic>> {
    if let Some(text) = sources.as_string() {
        return Ok(api::single(text));
    }
    let is_map = sources.is_object()
        && !sources.is_null()
        && !Array::is_array(sources)
        && !sources.is_function();
    if !is_map {
        let shown = shown_type(sources);
        return Err(vec![api::argument_problem(
            text!(
                "the plan must be a string or an object `{{ path: source }}`, not {shown}",
                "kế hoạch phải là một chuỗi hoặc một đối tượng `{{ đường_dẫn: nội_dung }}`, không phải {shown}"
            ),
            None,
            lang,
        )]);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in Object::entries(sources.unchecked_ref()).iter() {
        let pair: Array = entry.unchecked_into();
        let path = pair.get(0).as_string().unwrap_or_default();
        match pair.get(1).as_string() {
            Some(text) => files.push((path, text)),
            None => {
                let shown = pair.get(1).js_typeof().as_string().unwrap_or_default();
                problems.push(api::argument_problem(
                    text!(
                        "the source of `{path}` must be a string, not {shown}",
                        "nội dung của `{path}` phải là một chuỗi, không phải {shown}"
                    ),
                    None,
                    lang,
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}
