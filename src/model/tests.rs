use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::deadline::Deadline;

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default()
}

#[test]
fn goals_judge_boundaries_exactly() {
    let approx = d("0.05");
    assert_eq!(Goal::Above(d("56")).is_met_by(d("56"), approx), Some(false));
    assert_eq!(
        Goal::AtMost(d("1.8")).is_met_by(d("1.8"), approx),
        Some(true)
    );
    assert_eq!(
        Goal::Range(d("8.1"), d("8.6")).is_met_by(d("8.1"), approx),
        Some(true)
    );
    assert_eq!(
        Goal::Range(d("8.1"), d("8.6")).is_met_by(d("8.60001"), approx),
        Some(false)
    );
    // ~497 with 5%: 472.15 ..= 521.85, bounds included.
    assert_eq!(
        Goal::Approx(d("497")).is_met_by(d("472.15"), approx),
        Some(true)
    );
    assert_eq!(
        Goal::Approx(d("497")).is_met_by(d("472.14"), approx),
        Some(false)
    );
    assert_eq!(Goal::Text("x".into()).is_met_by(d("1"), approx), None);
}

fn run(first: NaiveDate, last: Option<NaiveDate>) -> Run {
    Run { first, last }
}

#[test]
fn schedules_fall_on_day_n_of_the_last_month() {
    let quarterly = Schedule {
        frequency: Frequency::Quarter,
        by: DueDay::DayOfLastMonth(15),
    };
    let year = run(day(2023, 1, 1), Some(day(2023, 12, 31)));
    let dues: Vec<NaiveDate> = quarterly.occurrences(year).map(|o| o.due).collect();
    assert_eq!(
        dues,
        vec![
            day(2023, 3, 15),
            day(2023, 6, 15),
            day(2023, 9, 15),
            day(2023, 12, 15)
        ]
    );
    let next = quarterly.next_from(day(2023, 9, 16), year);
    assert_eq!(next.map(|o| o.due), Some(day(2023, 12, 15)));
    assert_eq!(next.map(|o| o.period.key()), Some("2023-Q4".to_string()));
    let month_end = Schedule {
        frequency: Frequency::Month,
        by: DueDay::DayOfLastMonth(31),
    };
    let open = run(day(2024, 1, 1), None);
    assert_eq!(
        month_end.next_from(day(2024, 2, 1), open).map(|o| o.due),
        Some(day(2024, 2, 29))
    );
    let yearly = Schedule {
        frequency: Frequency::Year,
        by: DueDay::MonthDay { month: 12, day: 15 },
    };
    assert_eq!(
        yearly.next_from(day(2023, 12, 16), open).map(|o| o.due),
        Some(day(2024, 12, 15))
    );
}

#[test]
fn occurrences_start_at_issue_and_end_with_the_period() {
    // A monthly report in a plan issued on 15 March: nothing for January or February, nor for March 10.
    let monthly = Schedule {
        frequency: Frequency::Month,
        by: DueDay::DayOfLastMonth(10),
    };
    let issued = run(day(2021, 3, 15), Some(day(2021, 12, 31)));
    let keys: Vec<String> = monthly
        .occurrences(issued)
        .map(|o| o.period.key())
        .collect();
    assert_eq!(keys.first().map(String::as_str), Some("2021-04"));
    assert_eq!(keys.last().map(String::as_str), Some("2021-12"));
    assert_eq!(keys.len(), 9);
    let march = Deadline::Month {
        year: 2021,
        month: 3,
    };
    assert_eq!(monthly.occurrence_of(march, issued), None);
    let april = Deadline::Month {
        year: 2021,
        month: 4,
    };
    assert_eq!(
        monthly.occurrence_of(april, issued).map(|o| o.due),
        Some(day(2021, 4, 10))
    );
    // A period the recurrence does not have.
    assert_eq!(monthly.occurrence_of(Deadline::Year(2021), issued), None);
    assert_eq!(
        monthly.occurrence_of(
            Deadline::Month {
                year: 2022,
                month: 1
            },
            issued
        ),
        None
    );
}

#[test]
fn every_year_by_a_part_of_the_year_falls_on_its_last_day() {
    let q4 = Schedule {
        frequency: Frequency::Year,
        by: DueDay::EndOf(YearPart::Quarter(4)),
    };
    let h1 = Schedule {
        frequency: Frequency::Year,
        by: DueDay::EndOf(YearPart::Half(1)),
    };
    let june = Schedule {
        frequency: Frequency::Year,
        by: DueDay::EndOf(YearPart::Month(6)),
    };
    let span = run(day(2021, 7, 1), Some(day(2023, 12, 31)));
    let all = |s: Schedule| -> Vec<(String, NaiveDate)> {
        s.occurrences(span)
            .map(|o| (o.period.key(), o.due))
            .collect()
    };
    assert_eq!(
        all(q4),
        vec![
            ("2021".to_string(), day(2021, 12, 31)),
            ("2022".to_string(), day(2022, 12, 31)),
            ("2023".to_string(), day(2023, 12, 31))
        ]
    );
    // Issued on 1 July 2021: the first half of 2021 was over.
    assert_eq!(all(h1).first().map(|(_, d)| *d), Some(day(2022, 6, 30)));
    assert_eq!(all(june).len(), 2);
    assert_eq!(q4.to_string(), "year by Q4");
    assert_eq!(june.to_string(), "year by M06");
}

#[test]
fn an_open_ended_run_is_listed_for_at_most_the_longest_period() {
    let yearly = Schedule {
        frequency: Frequency::Year,
        by: DueDay::MonthDay { month: 11, day: 25 },
    };
    let open = run(day(2021, 3, 1), None);
    assert_eq!(
        yearly.occurrences(open).count(),
        crate::limits::MAX_YEAR_SPAN
    );
    assert_eq!(yearly.count(open), crate::limits::MAX_YEAR_SPAN);
}

#[test]
fn units_combine_through_multiplication_and_division() {
    let per = Unit::named("giường").per(&Unit::named("người"));
    assert_eq!(per.to_string(), "giường/người");
    assert!(
        per.times(&Unit::named("người"))
            .per(&Unit::named("giường"))
            .is_dimensionless()
    );
}
