//! Facts in JSON, as a web form posts them (SPEC section 6), read into [`Facts`] with every problem's place.
//!
//! Numbers are read from their digits (JSON numbers and decimal strings alike), never through a binary float.
//! A key given twice is reported rather than letting the last one win.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::json::{self, Json, JsonKind, JsonPath, Member};
use super::{Fact, FactKind, Facts, JsonPlace};
use crate::deadline::{DateLit, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic, Text};
use crate::hash::FxHashMap;
use crate::limits::MAX_NUMBER_DIGITS;
use crate::source::{FileId, Spanned};
use crate::text;

const TOP_KEYS: [&str; 7] = [
    "plan",
    "as_of",
    "values",
    "tasks",
    "assessments",
    "reports",
    "notes",
];
const TASK_KEYS: [&str; 3] = ["done", "progress", "cancelled"];
/// The keys of one period of a recurring or standing duty (`"2021-Q2": { "assessed": "met", "note": "…" }`).
const OCCURRENCE_KEYS: [&str; 5] = ["done", "progress", "cancelled", "assessed", "note"];

/// Reads facts from JSON text. `None` when the text is not JSON or not an object.
pub fn from_json(text: &str, file: FileId) -> (Option<Facts>, Vec<Diagnostic>) {
    if text.len() > crate::limits::MAX_FILE_BYTES {
        let (_, diagnostics) = crate::parse::parse_facts(text, file);
        return (None, diagnostics);
    }
    let root = match json::parse(text, file) {
        Ok(root) => root,
        Err(d) => return (None, vec![*d]),
    };
    let mut reader = Reader {
        out: Vec::new(),
        facts: Facts {
            file,
            plan: None,
            as_of: None,
            facts: Vec::new(),
            tracks_reports: false,
        },
    };
    let root_path = JsonPath::ROOT;
    let Some(members) = reader.object(&root, &root_path) else {
        return (None, reader.out);
    };
    for (key, value) in members {
        let path = root_path.then(&key.value);
        match key.value.as_ref() {
            "plan" => {
                if let JsonKind::String(s) = &value.kind {
                    reader.facts.plan = Some(Spanned::new(s.to_string(), value.span));
                } else {
                    reader.wrong_type(value, &path, text!("a string", "một chuỗi"));
                }
            }
            "as_of" => reader.facts.as_of = reader.date(value, &path),
            "values" => reader.values(value, &path),
            "tasks" => reader.tasks(value, &path),
            "assessments" => reader.assessments(value, &path),
            "notes" => reader.notes(value, &path),
            "reports" => {
                reader.facts.tracks_reports = true;
                reader.reports(value, &path);
            }
            other => reader.unknown_key(key, other, &TOP_KEYS, &root_path),
        }
    }
    (Some(reader.facts), reader.out)
}

struct Reader {
    out: Vec<Diagnostic>,
    facts: Facts,
}

impl Reader {
    fn malformed(&mut self, span: crate::source::Span, message: Text, help: Option<Text>) {
        let mut d = Diagnostic::new(Code::MalformedFact, span, message);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.out.push(d);
    }

    fn wrong_type(&mut self, value: &Json<'_>, path: &JsonPath<'_>, wanted: Text) {
        let found = value.kind.noun();
        self.malformed(
            value.span,
            Text::new(
                format!("`{path}` must be {}, not {}", wanted.en, found.en),
                format!("`{path}` phải là {}, không phải {}", wanted.vi, found.vi),
            ),
            None,
        );
    }

    fn unknown_key(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        name: &str,
        known: &[&str],
        path: &JsonPath<'_>,
    ) {
        let all = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match crate::fuzzy::best_match(name, known.iter().copied()) {
            Some(best) => text!(
                "did you mean `{best}`? the keys here are {all}",
                "có phải ý bạn là `{best}`? các khóa ở đây gồm {all}"
            ),
            None => text!("the keys here are {all}", "các khóa ở đây gồm {all}"),
        };
        self.malformed(
            key.span,
            text!(
                "unknown key `{name}` in `{path}`",
                "khóa `{name}` không hợp lệ trong `{path}`"
            ),
            Some(help),
        );
    }

    /// The members of an object, each key once: a repeated key is reported and its value skipped.
    fn object<'j, 't>(
        &mut self,
        value: &'j Json<'t>,
        path: &JsonPath<'_>,
    ) -> Option<Vec<&'j Member<'t>>> {
        let JsonKind::Object(members) = &value.kind else {
            self.wrong_type(value, path, text!("an object", "một đối tượng"));
            return None;
        };
        let mut seen: FxHashMap<&str, &Spanned<Cow<'t, str>>> = FxHashMap::default();
        let mut kept = Vec::with_capacity(members.len());
        for member in members {
            let key = &member.0;
            if let Some(first) = seen.get(key.value.as_ref()) {
                let name = &key.value;
                self.out.push(
                    Diagnostic::new(
                        Code::DuplicateFact,
                        key.span,
                        text!(
                            "`{name}` is given twice in `{path}`; this one is ignored",
                            "`{name}` xuất hiện hai lần trong `{path}`; lần này bị bỏ qua"
                        ),
                    )
                    .with_other(first.span, text!("first given here", "lần đầu ở đây"))
                    .with_help(text!(
                        "keep one, or merge the two objects",
                        "giữ một, hoặc gộp hai đối tượng lại"
                    )),
                );
                continue;
            }
            seen.insert(&key.value, key);
            kept.push(member);
        }
        Some(kept)
    }

    fn id(&mut self, key: &Spanned<Cow<'_, str>>, path: &JsonPath<'_>) -> Option<Spanned<String>> {
        let is_ident = key
            .value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_ident {
            return Some(Spanned::new(key.value.to_string(), key.span));
        }
        let name = &key.value;
        self.malformed(
            key.span,
            text!(
                "`{name}` at `{path}` is not an id",
                "`{name}` tại `{path}` không phải là mã"
            ),
            Some(text!(
                "ids are the plan's: letters, digits and `_`, e.g. `grdp_growth`",
                "mã lấy theo kế hoạch: chữ cái, chữ số và `_`, ví dụ `grdp_growth`"
            )),
        );
        None
    }

    fn period(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        path: &JsonPath<'_>,
    ) -> Option<Spanned<DeadlineLit>> {
        if let Ok(lit) = key.value.parse::<DeadlineLit>() {
            return Some(Spanned::new(lit, key.span));
        }
        let name = &key.value;
        self.malformed(
            key.span,
            text!(
                "`{name}` at `{path}` is not a period",
                "`{name}` tại `{path}` không phải là một kỳ"
            ),
            Some(text!(
                "key values by a period: a day `2023-09-30`, a month `2023-07`, a quarter `2023-Q3`, a half `2023-H1` or a year `2023`",
                "ghi khóa là một kỳ: ngày `2023-09-30`, tháng `2023-07`, quý `2023-Q3`, nửa năm `2023-H1` hoặc năm `2023`"
            )),
        );
        None
    }

    fn date(&mut self, value: &Json<'_>, path: &JsonPath<'_>) -> Option<Spanned<DateLit>> {
        let JsonKind::String(s) = &value.kind else {
            self.wrong_type(
                value,
                path,
                text!(
                    "a date string like \"2023-09-30\"",
                    "một chuỗi ngày như \"2023-09-30\""
                ),
            );
            return None;
        };
        match s.parse::<DateLit>() {
            Ok(d) => Some(Spanned::new(d, value.span)),
            Err(()) => {
                self.malformed(
                    value.span,
                    text!(
                        "`{s}` at `{path}` is not a date",
                        "`{s}` tại `{path}` không phải là ngày"
                    ),
                    Some(text!(
                        "write dates as \"YYYY-MM-DD\", e.g. \"2023-09-30\"",
                        "viết ngày dạng \"YYYY-MM-DD\", ví dụ \"2023-09-30\""
                    )),
                );
                None
            }
        }
    }

    /// A JSON number or a decimal string, exactly.
    fn number(&mut self, value: &Json<'_>, path: &JsonPath<'_>) -> Option<Spanned<Decimal>> {
        let written = match &value.kind {
            JsonKind::Number(n) => n,
            JsonKind::String(s) => s.trim(),
            _ => {
                self.wrong_type(
                    value,
                    path,
                    text!(
                        "a number or a decimal string",
                        "một số hoặc chuỗi số thập phân"
                    ),
                );
                return None;
            }
        };
        if let Some(n) = exact_decimal(written) {
            return Some(Spanned::new(n, value.span));
        }
        let help = if written.contains(',') {
            text!(
                "numbers use `.` as the decimal point and no thousands separator: write `95.01` for `95,01`",
                "số dùng dấu `.` để ngăn cách thập phân và không có dấu phân cách hàng nghìn: viết `95.01` thay cho `95,01`"
            )
        } else {
            text!(
                "write a decimal number such as `7.9` or `\"7.9\"` (at most {MAX_NUMBER_DIGITS} digits)",
                "viết một số thập phân như `7.9` hoặc `\"7.9\"` (tối đa {MAX_NUMBER_DIGITS} chữ số)"
            )
        };
        self.malformed(
            value.span,
            text!(
                "`{written}` at `{path}` is not a number",
                "`{written}` tại `{path}` không phải là số"
            ),
            Some(help),
        );
        None
    }

    /// Walks `{ "id": { "member": value } }`, the shape of `values`, `assessments` and `tasks`: each id is checked,
    /// each member handed to `read` with the id's path and its own; what it reads becomes a fact about the id.
    fn per_item(
        &mut self,
        value: &Json<'_>,
        path: &JsonPath<'_>,
        section: &'static str,
        mut read: impl FnMut(
            &mut Self,
            &Spanned<Cow<'_, str>>,
            &Json<'_>,
            &JsonPath<'_>,
            &JsonPath<'_>,
        ) -> Option<FactKind>,
    ) {
        let Some(items) = self.object(value, path) else {
            return;
        };
        for (key, members) in items {
            let item_path = path.then(&key.value);
            let Some(id) = self.id(key, path) else {
                continue;
            };
            let Some(members) = self.object(members, &item_path) else {
                continue;
            };
            for (member, v) in members {
                let fact_path = item_path.then(&member.value);
                if let Some(kind) = read(self, member, v, &item_path, &fact_path) {
                    self.facts.facts.push(Fact {
                        span: member.span.to(v.span),
                        id: id.clone(),
                        kind,
                        path: Some(JsonPlace {
                            section,
                            member: member.value.as_ref().into(),
                            inner: None,
                        }),
                    });
                }
            }
        }
    }

    fn values(&mut self, value: &Json<'_>, path: &JsonPath<'_>) {
        self.per_item(
            value,
            path,
            "values",
            |r, period_key, v, target_path, fact_path| {
                // Both are read before either is given up on, so both problems are reported.
                let period = r.period(period_key, target_path);
                let number = r.number(v, fact_path);
                Some(FactKind::Value {
                    period: period?,
                    value: number?,
                })
            },
        );
    }

    fn assessments(&mut self, value: &Json<'_>, path: &JsonPath<'_>) {
        self.per_item(
            value,
            path,
            "assessments",
            |r, period_key, v, target_path, fact_path| {
                let period = r.period(period_key, target_path);
                let verdict = match &v.kind {
                    JsonKind::String(s) => Some(Spanned::new(s.to_string(), v.span)),
                    _ => {
                        r.wrong_type(
                            v,
                            fact_path,
                            text!("\"met\" or \"missed\"", "\"met\" hoặc \"missed\""),
                        );
                        None
                    }
                };
                Some(FactKind::Assessed {
                    period: period?,
                    verdict: verdict?,
                    note: None,
                })
            },
        );
    }

    /// `notes`: `{ "t01": { "2023-Q3": "khó khăn: …" } }`, a note on an item for a period (the text
    /// `t01 2023-Q3 note "…"`).
    fn notes(&mut self, value: &Json<'_>, path: &JsonPath<'_>) {
        self.per_item(
            value,
            path,
            "notes",
            |r, period_key, v, item_path, fact_path| {
                let period = r.period(period_key, item_path);
                let text = r.string(v, fact_path);
                Some(FactKind::Note {
                    period: period?,
                    text: text?,
                })
            },
        );
    }

    /// A JSON string, with its span; `malformed-fact` for anything else.
    fn string(&mut self, v: &Json<'_>, path: &JsonPath<'_>) -> Option<Spanned<String>> {
        match &v.kind {
            JsonKind::String(s) => Some(Spanned::new(s.to_string(), v.span)),
            _ => {
                self.wrong_type(v, path, text!("a string", "một chuỗi"));
                None
            }
        }
    }

    /// `tasks`: a one-off task's `done`, `progress` and `cancelled`, or, keyed by a period, what became of one
    /// occurrence of a recurring duty or the assessment of a standing duty for that period (SPEC §2b).
    fn tasks(&mut self, value: &Json<'_>, path: &JsonPath<'_>) {
        let Some(items) = self.object(value, path) else {
            return;
        };
        for (key, members) in items {
            let task_path = path.then(&key.value);
            let Some(id) = self.id(key, path) else {
                continue;
            };
            let Some(members) = self.object(members, &task_path) else {
                continue;
            };
            for (member, v) in members {
                let fact_path = task_path.then(&member.value);
                let place = |inner: Option<&str>| JsonPlace {
                    section: "tasks",
                    member: member.value.as_ref().into(),
                    inner: inner.map(Into::into),
                };
                if TASK_KEYS.contains(&member.value.as_ref()) {
                    if let Some(kind) = self.outcome(member, v, None, &fact_path) {
                        self.push(member.span.to(v.span), &id, kind, place(None));
                    }
                    continue;
                }
                let Ok(lit) = member.value.parse::<DeadlineLit>() else {
                    let name = &member.value;
                    let all = TASK_KEYS
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let help = match crate::fuzzy::best_match(name, TASK_KEYS.iter().copied()) {
                        Some(best) => text!(
                            "did you mean `{best}`? a task takes {all}, or a period (`2021-Q1`) holding them for one occurrence",
                            "có phải ý bạn là `{best}`? nhiệm vụ nhận {all}, hoặc một kỳ (`2021-Q1`) chứa các khóa đó cho từng kỳ"
                        ),
                        None => text!(
                            "a task takes {all}, or a period (`2021-Q1`) holding them for one occurrence",
                            "nhiệm vụ nhận {all}, hoặc một kỳ (`2021-Q1`) chứa các khóa đó cho từng kỳ"
                        ),
                    };
                    self.malformed(
                        member.span,
                        text!(
                            "unknown key `{name}` in `{task_path}`",
                            "khóa `{name}` không hợp lệ trong `{task_path}`"
                        ),
                        Some(help),
                    );
                    continue;
                };
                let period = Spanned::new(lit, member.span);
                let Some(fields) = self.object(v, &fact_path) else {
                    continue;
                };
                let note = fields.iter().find(|(k, _)| k.value == "note");
                for (field, fv) in &fields {
                    let field_path = fact_path.then(&field.value);
                    let kind = match field.value.as_ref() {
                        "note" => None,
                        "assessed" => {
                            let verdict = match &fv.kind {
                                JsonKind::String(s) => Some(Spanned::new(s.to_string(), fv.span)),
                                _ => {
                                    self.wrong_type(
                                        fv,
                                        &field_path,
                                        text!("\"met\" or \"missed\"", "\"met\" hoặc \"missed\""),
                                    );
                                    None
                                }
                            };
                            let note = note.and_then(|(k, nv)| match &nv.kind {
                                JsonKind::String(s) => Some(Spanned::new(s.to_string(), nv.span)),
                                _ => {
                                    let note_path = fact_path.then(&k.value);
                                    self.wrong_type(nv, &note_path, text!("a string", "một chuỗi"));
                                    None
                                }
                            });
                            verdict.map(|verdict| FactKind::Assessed {
                                period: period.clone(),
                                verdict,
                                note,
                            })
                        }
                        name if TASK_KEYS.contains(&name) => {
                            self.outcome(field, fv, Some(period.clone()), &field_path)
                        }
                        other => {
                            self.unknown_key(field, other, &OCCURRENCE_KEYS, &fact_path);
                            None
                        }
                    };
                    if let Some(kind) = kind {
                        let span = field.span.to(fv.span);
                        self.push(span, &id, kind, place(Some(&field.value)));
                    }
                }
                // Beside an outcome rather than an assessment, the note is the period's note on the duty
                // (`t_quy 2021-Q1 note "…"`).
                if let Some((k, nv)) = note
                    && !fields.iter().any(|(k, _)| k.value == "assessed")
                {
                    let note_path = fact_path.then(&k.value);
                    if let Some(text) = self.string(nv, &note_path) {
                        let kind = FactKind::Note {
                            period: period.clone(),
                            text,
                        };
                        self.push(k.span.to(nv.span), &id, kind, place(Some(&k.value)));
                    }
                }
            }
        }
    }

    fn push(
        &mut self,
        span: crate::source::Span,
        id: &Spanned<String>,
        kind: FactKind,
        place: JsonPlace,
    ) {
        self.facts.facts.push(Fact {
            span,
            id: id.clone(),
            kind,
            path: Some(place),
        });
    }

    /// `done`, `progress` or `cancelled`, of a one-off task or (with its period) of one occurrence.
    fn outcome(
        &mut self,
        field: &Spanned<Cow<'_, str>>,
        v: &Json<'_>,
        period: Option<Spanned<DeadlineLit>>,
        path: &JsonPath<'_>,
    ) -> Option<FactKind> {
        match field.value.as_ref() {
            "done" => self
                .date(v, path)
                .map(|date| FactKind::Done { period, date }),
            "progress" => self
                .number(v, path)
                .map(|value| FactKind::Progress { period, value }),
            _ => match &v.kind {
                JsonKind::String(reason) => Some(FactKind::Cancelled {
                    period,
                    reason: Some(Spanned::new(reason.to_string(), v.span)),
                }),
                JsonKind::Bool(true) => Some(FactKind::Cancelled {
                    period,
                    reason: None,
                }),
                _ => {
                    self.wrong_type(
                        v,
                        path,
                        text!(
                            "the reason as a string, or true",
                            "lý do dạng chuỗi, hoặc true"
                        ),
                    );
                    None
                }
            },
        }
    }

    /// `reports`: `{ "monthly": { "2021-06": { "so_tc": "2021-06-17" } } }`, the day each `from` owner's report for
    /// each period came in (SPEC §2b).
    fn reports(&mut self, value: &Json<'_>, path: &JsonPath<'_>) {
        let Some(items) = self.object(value, path) else {
            return;
        };
        for (key, periods) in items {
            let report_path = path.then(&key.value);
            let Some(id) = self.id(key, path) else {
                continue;
            };
            let Some(periods) = self.object(periods, &report_path) else {
                continue;
            };
            for (period_key, owners) in periods {
                let period_path = report_path.then(&period_key.value);
                let period = self.period(period_key, &report_path);
                let Some(owners) = self.object(owners, &period_path) else {
                    continue;
                };
                for (owner, day) in owners {
                    let fact_path = period_path.then(&owner.value);
                    let from = self.id(owner, &period_path);
                    let date = self.date(day, &fact_path);
                    let (Some(period), Some(from), Some(date)) = (period.clone(), from, date)
                    else {
                        continue;
                    };
                    let place = JsonPlace {
                        section: "reports",
                        member: period_key.value.as_ref().into(),
                        inner: Some(owner.value.as_ref().into()),
                    };
                    let kind = FactKind::Submitted { period, from, date };
                    self.push(owner.span.to(day.span), &id, kind, place);
                }
            }
        }
    }
}

/// A decimal from its digits (`8.1`, `-2`, `1.5e3`), or `None` when it is not one or has too many digits.
fn exact_decimal(written: &str) -> Option<Decimal> {
    let digits = written.chars().filter(char::is_ascii_digit).count();
    let plain = !written.contains(['e', 'E']);
    let well_formed = !written.is_empty()
        && written
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'));
    if !well_formed || digits > MAX_NUMBER_DIGITS {
        return None;
    }
    if plain {
        crate::decimal::exact(written)
    } else {
        crate::decimal::scientific(written)
    }
}
