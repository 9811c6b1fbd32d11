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
    for text in ["2021-02-30", "2021-Q5", "M13", "2021-H3", "2021-00", "Q0"] {
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

#[test]
fn first_days_and_containment() {
    let q3 = lit("2023-Q3").resolve(None).unwrap_or(Deadline::Year(0));
    assert_eq!(q3.first_day(), Some(day(2023, 7, 1)));
    assert!(q3.contains(day(2023, 9, 30)));
    assert!(!q3.contains(day(2023, 10, 1)));
}
