//! `thousands-separator`: a number such as `28.000`, three zero decimals after the point, which in a
//! Vietnamese source document is twenty-eight thousand ("28.000 tỷ đồng") but in a plan reads as 28.

use rust_decimal::Decimal;

use super::written::Written;
use crate::diagnostics::{Code, Diagnostic, Sink};
use crate::text;

pub(super) fn check(written: &Written<'_>, out: &mut Sink) {
    for n in &written.numbers {
        let x = n.value;
        if x.scale() != 3 || !x.fract().is_zero() || x.is_zero() {
            continue;
        }
        let whole = x.trunc().normalize();
        let thousands = (x.trunc() * Decimal::ONE_THOUSAND).normalize();
        out.push(
            Diagnostic::new(
                Code::ThousandsSeparator,
                n.span,
                text!(
                    "`{x}` reads as {whole}: is it {thousands} written with a thousands dot?",
                    "`{x}` được hiểu là {whole}: có phải là {thousands} viết theo kiểu dấu chấm phân cách hàng nghìn?"
                ),
            )
            .with_label(text!("the same as {whole}", "bằng {whole}"))
            .with_help(text!(
                "in a plan `.` is only the decimal point: write `{thousands}` if you mean {whole} thousand, or `{whole}` if you mean {whole}",
                "trong kế hoạch, dấu `.` chỉ là dấu thập phân: viết `{thousands}` nếu là {whole} nghìn, hoặc `{whole}` nếu đúng là {whole}"
            )),
        );
    }
}
