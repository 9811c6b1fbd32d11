//! tmp
use crate::diagnostics::Lang;
use crate::eval::Report;
pub fn markdown(report: &Report, lang: Lang) -> String {
    let _ = (report, lang);
    String::new()
}
