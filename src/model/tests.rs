use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;

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

#[test]
fn schedules_fall_on_day_n_of_the_last_month() {
    let quarterly = Schedule {
        frequency: Frequency::Quarter,
        by: DueDay::DayOfLastMonth(15),
    };
    assert_eq!(
        quarterly.occurrences(day(2023, 1, 1), day(2023, 12, 31)),
        vec![
            day(2023, 3, 15),
            day(2023, 6, 15),
            day(2023, 9, 15),
            day(2023, 12, 15)
        ]
    );
    assert_eq!(
        quarterly.next_after(day(2023, 9, 15)),
        Some(day(2023, 12, 15))
    );
    let month_end = Schedule {
        frequency: Frequency::Month,
        by: DueDay::DayOfLastMonth(31),
    };
    assert_eq!(
        month_end.next_after(day(2024, 2, 1)),
        Some(day(2024, 2, 29))
    );
    let yearly = Schedule {
        frequency: Frequency::Year,
        by: DueDay::MonthDay { month: 12, day: 15 },
    };
    assert_eq!(
        yearly.next_after(day(2023, 12, 15)),
        Some(day(2024, 12, 15))
    );
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
