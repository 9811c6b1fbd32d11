//! Decimal numbers read from their digits, exactly: the plan's and the facts' numbers.
//!
//! rust_decimal's `from_str_exact` and `from_scientific` read these, but bring its general string parser (rounding,
//! `_` separators, 96-bit overflow recovery, a lossy scientific fallback): 4 KiB of the gzipped WebAssembly module
//! for numbers of at most [`MAX_NUMBER_DIGITS`] digits, which need none of it. These two functions give exactly
//! what those two give on every input their callers pass (at most that many digits, only the characters
//! `0-9 + - . e E`), written values and errors alike, including their leniencies (`+5`, `.5`, `5.`, `1e+5`,
//! `1e-+5`); the tests hold them to rust_decimal exhaustively on short inputs and at random on long ones.
//!
//! [`MAX_NUMBER_DIGITS`]: crate::limits::MAX_NUMBER_DIGITS

use rust_decimal::Decimal;

/// `8.60`, `-2`, `.5`, `+5.`: an optional sign first, digits with at most one `.` among them, at least one digit.
/// The scale is the number of digits after the point, as written (`8.60` keeps its `0`). `None` for anything else,
/// or for more digits than a decimal holds.
pub(crate) fn exact(written: &str) -> Option<Decimal> {
    let (negative, mantissa, scale) = parts(written)?;
    signed(negative, mantissa, scale)
}

/// `1.5e3`, `2E-2`, `-1e+5`: [`exact`] digits, then `e` or `E` and a whole number (its `+` optional; after a `-`
/// too, as rust_decimal reads it). A negative exponent adds to the scale (at most 28); a positive one takes from
/// the scale, and past it multiplies into a whole number (`1.5e3` is `1500`, not `1500.0`). `None` where
/// rust_decimal's `from_scientific` errs.
pub(crate) fn scientific(written: &str) -> Option<Decimal> {
    let (base, exponent) = written.split_once(['e', 'E'])?;
    let (negative, mantissa, scale) = parts(base)?;
    if let Some(down) = exponent.strip_prefix('-') {
        let down: u32 = down.parse().ok()?;
        if down > Decimal::MAX_SCALE {
            return None;
        }
        return signed(negative, mantissa, scale.checked_add(down)?);
    }
    let up: u32 = exponent.parse().ok()?;
    if up <= scale {
        return signed(negative, mantissa, scale - up);
    }
    if up > Decimal::MAX_SCALE {
        return None;
    }
    let whole = mantissa.checked_mul(10u128.checked_pow(up - scale)?)?;
    signed(negative, whole, 0)
}

/// The sign, the digits as one number and the count of digits after the point of [`exact`]'s form.
fn parts(written: &str) -> Option<(bool, u128, u32)> {
    let (negative, digits) = match written.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    let (mut mantissa, mut scale, mut point, mut any) = (0u128, 0u32, false, false);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(u128::from(b - b'0'))?;
                scale += u32::from(point);
                any = true;
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    any.then_some((negative, mantissa, scale))
}

/// The decimal `±mantissa / 10^scale`, if it has one (zero is never negative).
fn signed(negative: bool, mantissa: u128, scale: u32) -> Option<Decimal> {
    let magnitude = i128::try_from(mantissa).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    Decimal::try_from_i128_with_scale(value, scale).ok()
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::{exact, scientific};
    use crate::limits::MAX_NUMBER_DIGITS;

    /// A decimal with its scale and sign: `8.6` and `8.60` differ, as do `0` and `-0` (which neither side makes).
    fn shown(d: Option<Decimal>) -> Option<[u8; 16]> {
        d.map(|d| d.serialize())
    }

    fn same_as_rust_decimal(written: &str) {
        if written.bytes().filter(u8::is_ascii_digit).count() > MAX_NUMBER_DIGITS {
            return;
        }
        assert_eq!(
            shown(exact(written)),
            shown(Decimal::from_str_exact(written).ok()),
            "exact {written:?}"
        );
        if written.contains(['e', 'E']) {
            assert_eq!(
                shown(scientific(written)),
                shown(Decimal::from_scientific(written).ok()),
                "scientific {written:?}"
            );
        }
    }

    #[test]
    fn reads_what_rust_decimal_reads_on_every_short_input() {
        const ALPHABET: &[u8] = b"059+-.eE";
        let mut word = Vec::new();
        fn all(word: &mut Vec<u8>, left: usize, check: &mut dyn FnMut(&str)) {
            check(std::str::from_utf8(word).unwrap_or_default());
            if left == 0 {
                return;
            }
            for &c in ALPHABET {
                word.push(c);
                all(word, left - 1, check);
                word.pop();
            }
        }
        all(&mut word, 6, &mut |w| same_as_rust_decimal(w));
    }

    #[test]
    fn keeps_the_written_scale() {
        let d = exact("8.60").unwrap();
        assert_eq!((d.to_string(), d.scale()), ("8.60".to_string(), 2));
        assert_eq!(scientific("1.5e3").unwrap().to_string(), "1500");
        assert_eq!(scientific("1.50e1").unwrap().to_string(), "15.0");
        assert_eq!(scientific("25e-1").unwrap().to_string(), "2.5");
        assert_eq!(exact("-0.0").unwrap().to_string(), "0.0");
        assert!(exact("1.2.3").is_none() && exact("-").is_none() && exact("1-").is_none());
        assert!(scientific("1e29").is_none() && scientific("1e-29").is_none());
    }

    proptest::proptest! {
        #[test]
        fn reads_what_rust_decimal_reads_on_long_numbers(
            written in "[+-]?[0-9]{0,29}(\\.[0-9]{0,29})?([eE][+-]{0,2}[0-9]{0,3})?"
        ) {
            same_as_rust_decimal(&written);
        }

        #[test]
        fn reads_what_rust_decimal_reads_on_any_mix(written in "[0-9+.eE-]{0,40}") {
            same_as_rust_decimal(&written);
        }
    }
}
