//! `kehoach explain CODE`: what a diagnostic code means, a plan that raises it and the same plan fixed, in English
//! or Vietnamese.
//!
//! The texts are `docs/codes/CODE.md`, compiled in. Each has the sections `## en`, `## vi`, `## example` and
//! `## fix`; the last two hold ```` ```plan ```` blocks (```` ```plan agencies.plan ```` names a second file) and,
//! for the codes of facts, a ```` ```facts ```` block (```` ```facts plan.facts.json ```` for JSON facts) held
//! against the plan. The tests check every example: it raises its code, and its fix raises nothing.

use std::io::Write;

use super::exit;
use crate::diagnostics::{Code, Lang, escape};
use crate::fuzzy;

/// The documentation of a code, as written in `docs/codes/`.
pub fn source(code: Code) -> &'static str {
    match code {
        Code::Syntax => include_str!("../../docs/codes/syntax.md"),
        Code::DuplicateId => include_str!("../../docs/codes/duplicate-id.md"),
        Code::UnknownReference => include_str!("../../docs/codes/unknown-reference.md"),
        Code::DependencyCycle => include_str!("../../docs/codes/dependency-cycle.md"),
        Code::DeriveCycle => include_str!("../../docs/codes/derive-cycle.md"),
        Code::DeadlineBeforeDependency => {
            include_str!("../../docs/codes/deadline-before-dependency.md")
        }
        Code::DeadlineOutsidePeriod => include_str!("../../docs/codes/deadline-outside-period.md"),
        Code::DeadlineBeforeIssue => include_str!("../../docs/codes/deadline-before-issue.md"),
        Code::ConflictingSchedule => include_str!("../../docs/codes/conflicting-schedule.md"),
        Code::AmbiguousDeadline => include_str!("../../docs/codes/ambiguous-deadline.md"),
        Code::InvalidDate => include_str!("../../docs/codes/invalid-date.md"),
        Code::EmptyRange => include_str!("../../docs/codes/empty-range.md"),
        Code::SharesCannotSum => include_str!("../../docs/codes/shares-cannot-sum.md"),
        Code::PartExceedsWhole => include_str!("../../docs/codes/part-exceeds-whole.md"),
        Code::UnitMismatch => include_str!("../../docs/codes/unit-mismatch.md"),
        Code::TypeMismatch => include_str!("../../docs/codes/type-mismatch.md"),
        Code::MissingLead => include_str!("../../docs/codes/missing-lead.md"),
        Code::UnusedOwner => include_str!("../../docs/codes/unused-owner.md"),
        Code::DuplicateAlias => include_str!("../../docs/codes/duplicate-alias.md"),
        Code::PercentOutOfRange => include_str!("../../docs/codes/percent-out-of-range.md"),
        Code::UseNotFound => include_str!("../../docs/codes/use-not-found.md"),
        Code::DuplicateAttribute => include_str!("../../docs/codes/duplicate-attribute.md"),
        Code::LimitExceeded => include_str!("../../docs/codes/limit-exceeded.md"),
        Code::ThousandsSeparator => include_str!("../../docs/codes/thousands-separator.md"),
        Code::SimilarOwners => include_str!("../../docs/codes/similar-owners.md"),
        Code::AimBelowGoal => include_str!("../../docs/codes/aim-below-goal.md"),
        Code::DuplicateTitle => include_str!("../../docs/codes/duplicate-title.md"),
        Code::UnknownFact => include_str!("../../docs/codes/unknown-fact.md"),
        Code::FactKindMismatch => include_str!("../../docs/codes/fact-kind-mismatch.md"),
        Code::FactOutsideWindow => include_str!("../../docs/codes/fact-outside-window.md"),
        Code::MalformedFact => include_str!("../../docs/codes/malformed-fact.md"),
        Code::FactBeforeIssue => include_str!("../../docs/codes/fact-before-issue.md"),
        Code::FactAfterAsOf => include_str!("../../docs/codes/fact-after-as-of.md"),
        Code::UnknownOccurrence => include_str!("../../docs/codes/unknown-occurrence.md"),
        Code::UnknownSubmitter => include_str!("../../docs/codes/unknown-submitter.md"),
        Code::DuplicateFact => include_str!("../../docs/codes/duplicate-fact.md"),
        Code::FactPlanMismatch => include_str!("../../docs/codes/fact-plan-mismatch.md"),
        Code::FormatChangesMeaning => include_str!("../../docs/codes/format-changes-meaning.md"),
        Code::InvalidArgument => include_str!("../../docs/codes/invalid-argument.md"),
    }
}

/// The same text in the repository (`repository` of `Cargo.toml`, then `docs/codes/CODE.md` on the main branch),
/// or `None` when the package names no repository.
pub fn help_uri(code: Code) -> Option<String> {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    (!repository.is_empty()).then(|| format!("{repository}/blob/main/docs/codes/{code}.md"))
}

/// One file of an example: a plan, or facts held against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFile {
    /// `plan.plan` (or `plan.facts` for facts) unless the block names another.
    pub name: String,
    /// The file's text as the block holds it, each line ending in a line feed.
    pub text: String,
    /// A ```` ```facts ```` block: progress reported against the plan files, not a plan.
    pub is_facts: bool,
}

/// A code's documentation, split into its parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    /// The `## en` section: what the code means, in English.
    pub en: String,
    /// The `## vi` section: the same in Vietnamese.
    pub vi: String,
    /// Files that raise the code.
    pub example: Vec<ExampleFile>,
    /// The same, fixed: they raise nothing.
    pub fix: Vec<ExampleFile>,
}

impl Explanation {
    /// The explanation of `code`, from its `docs/codes/CODE.md` compiled into the program.
    pub fn of(code: Code) -> Explanation {
        parse(source(code))
    }

    /// The text in `lang`: [`Explanation::en`] or [`Explanation::vi`].
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

/// Splits a `docs/codes/*.md` text into its sections.
pub fn parse(markdown: &str) -> Explanation {
    let mut out = Explanation::default();
    let mut section = "";
    let mut block: Option<ExampleFile> = None;
    for line in markdown.lines() {
        if block.is_some() {
            if line.trim_end() == "```" {
                if let Some(done) = block.take() {
                    match section {
                        "example" => out.example.push(done),
                        "fix" => out.fix.push(done),
                        _ => {}
                    }
                }
            } else if let Some(file) = block.as_mut() {
                file.text.push_str(line);
                file.text.push('\n');
            }
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            section = match heading.trim() {
                "en" => "en",
                "vi" => "vi",
                "example" => "example",
                "fix" => "fix",
                _ => "",
            };
            continue;
        }
        let opening = [
            ("```plan", "plan.plan", false),
            ("```facts", "plan.facts", true),
        ]
        .into_iter()
        .find_map(|(fence, default, is_facts)| {
            line.strip_prefix(fence)
                .map(|info| (info.trim(), default, is_facts))
        });
        if let Some((name, default, is_facts)) = opening {
            block = Some(ExampleFile {
                name: if name.is_empty() { default } else { name }.to_string(),
                text: String::new(),
                is_facts,
            });
            continue;
        }
        let prose = match section {
            "en" => &mut out.en,
            "vi" => &mut out.vi,
            _ => continue,
        };
        prose.push_str(line);
        prose.push('\n');
    }
    out.en = out.en.trim().to_string();
    out.vi = out.vi.trim().to_string();
    out
}

/// `kehoach explain [CODE]`: the code's explanation, or the list of codes. Exit status 2 for an unknown code.
pub fn run_explain(code: Option<&str>, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(name) = code else {
        return match write_list(lang, out) {
            Ok(()) => exit::CLEAN,
            Err(_) => exit::USAGE,
        };
    };
    let Some(code) = Code::from_name(name.trim()) else {
        let names = Code::ALL.iter().map(|c| c.as_str());
        let hint = match (fuzzy::best_match(name, names), lang) {
            (Some(best), Lang::En) => format!(" (did you mean `{best}`?)"),
            (Some(best), Lang::Vi) => format!(" (có phải ý bạn là `{best}`?)"),
            (None, _) => String::new(),
        };
        let name = escape::line(name);
        let message = match lang {
            Lang::En => {
                format!("error: unknown code `{name}`{hint}; `kehoach explain` lists them all")
            }
            Lang::Vi => {
                format!("lỗi: không có mã `{name}`{hint}; `kehoach explain` liệt kê tất cả các mã")
            }
        };
        let _ = writeln!(err, "{message}");
        return exit::USAGE;
    };
    match write_explanation(code, lang, out) {
        Ok(()) => exit::CLEAN,
        Err(_) => exit::USAGE,
    }
}

fn write_list(lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let width = Code::ALL
        .iter()
        .map(|c| c.as_str().len())
        .max()
        .unwrap_or(0);
    for &code in Code::ALL {
        let severity = severity_word(code, lang);
        writeln!(
            out,
            "{:width$}  {severity:8}  {}",
            code.as_str(),
            code.summary_in(lang)
        )?;
    }
    Ok(())
}

fn severity_word(code: Code, lang: Lang) -> &'static str {
    match (code.severity(), lang) {
        (crate::diagnostics::Severity::Error, Lang::En) => "error",
        (crate::diagnostics::Severity::Error, Lang::Vi) => "lỗi",
        (crate::diagnostics::Severity::Warning, Lang::En) => "warning",
        (crate::diagnostics::Severity::Warning, Lang::Vi) => "cảnh báo",
    }
}

/// The explanation as the terminal shows it.
pub fn write_explanation(code: Code, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let e = Explanation::of(code);
    let (example, fix, more) = match lang {
        Lang::En => ("This raises it", "Fixed", "The same text is in"),
        Lang::Vi => ("Ví dụ vi phạm", "Cách sửa", "Nội dung này có trong"),
    };
    writeln!(
        out,
        "{code} ({}): {}\n",
        severity_word(code, lang),
        code.summary_in(lang)
    )?;
    writeln!(out, "{}\n", e.text(lang))?;
    for (title, files) in [(example, &e.example), (fix, &e.fix)] {
        writeln!(out, "{title}:\n")?;
        for file in files {
            if files.len() > 1 {
                writeln!(out, "    // {}", file.name)?;
            }
            for line in file.text.lines() {
                if line.is_empty() {
                    writeln!(out)?;
                } else {
                    writeln!(out, "    {line}")?;
                }
            }
            writeln!(out)?;
        }
    }
    writeln!(out, "{more} docs/codes/{code}.md")
}
