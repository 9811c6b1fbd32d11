use super::*;

fn lit(s: &str) -> DeadlineLit {
    s.parse().unwrap_or_else(|()| panic!("`{s}` should parse"))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

#[test]
fn every_form_means_the_last_day_of_its_period() {
    let cases = [
        ("2021-02-01", day(2021, 2, 1)),
        ("2021-07", day(2021, 7, 31)),
        ("2024-02", day(2024, 2, 29)),
        ("2021-Q2", day(2021, 6, 30)),
        ("2021-Q4", day(2021, 12, 31)),
        ("2021-H1", day(2021, 6, 30)),
        ("2021-9M", day(2021, 9, 30)),
        ("2024-2M", day(2024, 2, 29)),
        ("2021", day(2021, 12, 31)),
    ];
    for (text, last) in cases {
        assert_eq!(
            lit(text).resolve(None).map(Deadline::last_day),
            Ok(last),
            "{text}"
        );
    }
}

#[test]
fn year_less_forms_take_the_plan_year() {
    assert_eq!(
        lit("Q2").resolve(Some(2023)).map(Deadline::last_day),
        Ok(day(2023, 6, 30))
    );
    assert_eq!(
        lit("M07").resolve(Some(2023)).map(Deadline::last_day),
        Ok(day(2023, 7, 31))
    );
    assert_eq!(lit("H1").resolve(None), Err(DeadlineError::NeedsYear));
}

#[test]
fn impossible_periods_are_invalid() {
    for text in [
        "2021-02-30",
        "2021-Q5",
        "M13",
        "2021-H3",
        "2021-00",
        "Q0",
        "2021-0M",
        "2021-13M",
    ] {
        assert_eq!(
            lit(text).resolve(Some(2021)),
            Err(DeadlineError::Invalid),
            "{text}"
        );
    }
}

#[test]
fn malformed_shapes_do_not_parse() {
    for text in [
        "",
        "21",
        "2021-Q",
        "2021-",
        "Q",
        "2021-123",
        "20x1",
        "2021-1-2-3",
        "M7a",
        "2021-M",
        "2021-123M",
        "9M",
        "2021-9m",
    ] {
        assert!(text.parse::<DeadlineLit>().is_err(), "{text}");
    }
}

#[test]
fn display_is_canonical() {
    assert_eq!(lit("2021-7").to_string(), "2021-07");
    assert_eq!(lit("M7").to_string(), "M07");
    assert_eq!(lit("2021-2-1").to_string(), "2021-02-01");
    assert_eq!(
        lit("2021-Q2").resolve(None).map(|d| d.key()),
        Ok("2021-Q2".to_string())
    );
}

/// "9 tháng" runs from January: a nine-month figure begins on 1 January, and the first 1, 3, 6 or 12 months are
/// the month, quarter, half or year they already are (one period, one key, so one fact).
#[test]
fn the_first_months_of_a_year_run_from_january() {
    let nine = lit("2023-9M").resolve(None).unwrap_or(Deadline::Year(0));
    assert_eq!(
        nine,
        Deadline::Months {
            year: 2023,
            months: 9
        }
    );
    assert_eq!(nine.first_day(), Some(day(2023, 1, 1)));
    assert!(nine.contains(day(2023, 1, 1)) && nine.contains(day(2023, 9, 30)));
    assert!(!nine.contains(day(2023, 10, 1)));
    assert_eq!(nine.key(), "2023-9M");
    assert_eq!(lit("2023-09M").to_string(), "2023-9M");
    for (text, same) in [
        ("2023-1M", "2023-01"),
        ("2023-3M", "2023-Q1"),
        ("2023-6M", "2023-H1"),
        ("2023-12M", "2023"),
    ] {
        assert_eq!(lit(text).resolve(None), lit(same).resolve(None), "{text}");
    }
    // The year's figure supersedes the nine months', which supersedes the third quarter's: by last day, then
    // the longer period.
    let q3 = lit("2023-Q3").resolve(None).unwrap_or(Deadline::Year(0));
    assert!(crate::facts::period_order(q3) < crate::facts::period_order(nine));
}

#[test]
fn first_days_and_containment() {
    let q3 = lit("2023-Q3").resolve(None).unwrap_or(Deadline::Year(0));
    assert_eq!(q3.first_day(), Some(day(2023, 7, 1)));
    assert!(q3.contains(day(2023, 9, 30)));
    assert!(!q3.contains(day(2023, 10, 1)));
}

proptest::proptest! {
    /// The year shortcut of `begun_by` agrees with comparing the days.
    #[test]
    fn period_comparisons_agree_with_their_days(
        kind in 0u8..6,
        year in 1990i32..2040,
        part in 1u32..13,
        date_days in 0i64..(60 * 366),
    ) {
        let period = match kind {
            0 => Deadline::Day(day(year, part, 28)),
            1 => Deadline::Month { year, month: part },
            2 => Deadline::Quarter { year, quarter: (part - 1) / 3 + 1 },
            3 => Deadline::Half { year, half: (part - 1) / 6 + 1 },
            4 => Deadline::Months { year, months: part },
            _ => Deadline::Year(year),
        };
        let date = day(1985, 1, 1) + chrono::Days::new(date_days.unsigned_abs());
        let first = period.first_day().unwrap_or(NaiveDate::MAX);
        proptest::prop_assert_eq!(period.begun_by(date), first <= date);
    }
}

#[test]
fn the_last_day_of_a_month_is_the_day_before_the_next_month() {
    for year in [1900, 1999, 2000, 2023, 2024, 2100] {
        for month in 1..=12 {
            let next = if month == 12 {
                day(year + 1, 1, 1)
            } else {
                day(year, month + 1, 1)
            };
            assert_eq!(
                last_day_of_month(year, month),
                next.pred_opt(),
                "{year}-{month}"
            );
        }
    }
    assert_eq!(last_day_of_month(2023, 13), None);
}
