//! Deadlines and dates as plans write them (`2021-Q2`, `M07`, `2023-01-19`, `2023-9M`) and the days they mean.
//!
//! A literal is kept as written ([`DeadlineLit`], [`DateLit`]) so that the formatter can print it back even when it
//! names no real day; [`DeadlineLit::resolve`] turns it into a [`Deadline`] or says why it cannot.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// A calendar date as written: `2023-01-19`. It may name no real day (`2021-02-30`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateLit {
    /// The year, four digits as written.
    pub year: i32,
    /// The month as written; a valid date has 1–12.
    pub month: u32,
    /// The day as written; a valid date has a day the month has.
    pub day: u32,
}

impl DateLit {
    /// The day this names, or `None` when it names none (`2021-02-30`, `2021-13-01`).
    pub fn to_date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
    }
}

impl fmt::Display for DateLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for DateLit {
    type Err = ();

    /// `YYYY-M-D`, with one- or two-digit month and day.
    fn from_str(s: &str) -> Result<DateLit, ()> {
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(());
        };
        if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
            return Err(());
        }
        Ok(DateLit {
            year: digits(y)?,
            month: digits(m)?,
            day: digits(d)?,
        })
    }
}

fn digits<T: FromStr>(s: &str) -> Result<T, ()> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    s.parse().map_err(|_| ())
}

/// A deadline as written. The year-less forms (`M07`, `Q2`, `H1`) take the year of a one-year plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeadlineLit {
    /// `2023-01-19`: a single day.
    Day(DateLit),
    /// `2021-07` or `M07`: a month.
    Month {
        /// The year, `None` for the year-less `M07`.
        year: Option<i32>,
        /// The month as written; valid when 1–12.
        month: u32,
    },
    /// `2021-Q2` or `Q2`: a calendar quarter.
    Quarter {
        /// The year, `None` for the year-less `Q2`.
        year: Option<i32>,
        /// The quarter as written; valid when 1–4.
        quarter: u32,
    },
    /// `2021-H1` or `H1`: a half-year.
    Half {
        /// The year, `None` for the year-less `H1`.
        year: Option<i32>,
        /// The half as written; valid when 1 or 2.
        half: u32,
    },
    /// The first months of a year, counted from January: `2023-9M`, the "9 tháng đầu năm" of a nine-month report.
    /// Always with its year (a year-less `9M` would read as a number).
    Months {
        /// The year.
        year: i32,
        /// How many months from January, as written; valid when 1–12.
        months: u32,
    },
    /// `2025`: a whole year.
    Year(i32),
}

/// Why a deadline literal names no period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineError {
    /// `2021-02-30`, `2021-Q5`, `M13`, `2021-H3`.
    Invalid,
    /// `Q2` in a plan whose period is not a single year.
    NeedsYear,
}

impl DeadlineLit {
    /// The year written in the literal, `None` for the year-less forms.
    pub fn year(self) -> Option<i32> {
        match self {
            DeadlineLit::Day(d) => Some(d.year),
            DeadlineLit::Month { year, .. }
            | DeadlineLit::Quarter { year, .. }
            | DeadlineLit::Half { year, .. } => year,
            DeadlineLit::Months { year, .. } | DeadlineLit::Year(year) => Some(year),
        }
    }

    /// The period this names. `plan_year` is the year of a one-year plan, used by the year-less forms.
    pub fn resolve(self, plan_year: Option<i32>) -> Result<Deadline, DeadlineError> {
        let year = |y: Option<i32>| y.or(plan_year).ok_or(DeadlineError::NeedsYear);
        let deadline = match self {
            DeadlineLit::Day(d) => Deadline::Day(d.to_date().ok_or(DeadlineError::Invalid)?),
            DeadlineLit::Month { year: y, month } if (1..=12).contains(&month) => Deadline::Month {
                year: year(y)?,
                month,
            },
            DeadlineLit::Quarter { year: y, quarter } if (1..=4).contains(&quarter) => {
                Deadline::Quarter {
                    year: year(y)?,
                    quarter,
                }
            }
            DeadlineLit::Half { year: y, half } if (1..=2).contains(&half) => Deadline::Half {
                year: year(y)?,
                half,
            },
            // The first 1, 3, 6 or 12 months are a month, quarter, half or year already: one period, one key,
            // so that `2023-6M` and `2023-H1` are the same fact.
            DeadlineLit::Months { year, months } => match months {
                1 => Deadline::Month { year, month: 1 },
                3 => Deadline::Quarter { year, quarter: 1 },
                6 => Deadline::Half { year, half: 1 },
                12 => Deadline::Year(year),
                2..=11 => Deadline::Months { year, months },
                _ => return Err(DeadlineError::Invalid),
            },
            DeadlineLit::Year(y) => Deadline::Year(y),
            _ => return Err(DeadlineError::Invalid),
        };
        // Only years chrono can represent; keeps `first_day`/`last_day` total.
        if deadline.first_day().is_none() || deadline.last_day_opt().is_none() {
            return Err(DeadlineError::Invalid);
        }
        Ok(deadline)
    }
}

impl fmt::Display for DeadlineLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DeadlineLit::Day(d) => write!(f, "{d}"),
            DeadlineLit::Month {
                year: Some(y),
                month,
            } => write!(f, "{y:04}-{month:02}"),
            DeadlineLit::Month { year: None, month } => write!(f, "M{month:02}"),
            DeadlineLit::Quarter {
                year: Some(y),
                quarter,
            } => write!(f, "{y:04}-Q{quarter}"),
            DeadlineLit::Quarter {
                year: None,
                quarter,
            } => write!(f, "Q{quarter}"),
            DeadlineLit::Half {
                year: Some(y),
                half,
            } => write!(f, "{y:04}-H{half}"),
            DeadlineLit::Half { year: None, half } => write!(f, "H{half}"),
            DeadlineLit::Months { year, months } => write!(f, "{year:04}-{months}M"),
            DeadlineLit::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl FromStr for DeadlineLit {
    type Err = ();

    /// Every written form: `2021-02-01`, `2021-07`, `2021-Q2`, `2021-H1`, `2021-9M`, `2021`, `M07`, `Q2`, `H1`. Only the shape
    /// is checked here; whether it names a real period is [`DeadlineLit::resolve`]'s business.
    fn from_str(s: &str) -> Result<DeadlineLit, ()> {
        let yearless = |rest: &str| -> Result<u32, ()> { digits(rest) };
        if let Some(rest) = s.strip_prefix('M') {
            return Ok(DeadlineLit::Month {
                year: None,
                month: yearless(rest)?,
            });
        }
        if let Some(rest) = s.strip_prefix('Q') {
            return Ok(DeadlineLit::Quarter {
                year: None,
                quarter: yearless(rest)?,
            });
        }
        if let Some(rest) = s.strip_prefix('H') {
            return Ok(DeadlineLit::Half {
                year: None,
                half: yearless(rest)?,
            });
        }
        let (y, rest) = match s.split_once('-') {
            Some((y, rest)) => (y, Some(rest)),
            None => (s, None),
        };
        if y.len() != 4 {
            return Err(());
        }
        let year: i32 = digits(y)?;
        let Some(rest) = rest else {
            return Ok(DeadlineLit::Year(year));
        };
        if let Some(q) = rest.strip_prefix('Q') {
            return Ok(DeadlineLit::Quarter {
                year: Some(year),
                quarter: digits(q)?,
            });
        }
        if let Some(h) = rest.strip_prefix('H') {
            return Ok(DeadlineLit::Half {
                year: Some(year),
                half: digits(h)?,
            });
        }
        if let Some(n) = rest.strip_suffix('M') {
            if !(1..=2).contains(&n.len()) {
                return Err(());
            }
            return Ok(DeadlineLit::Months {
                year,
                months: digits(n)?,
            });
        }
        if rest.contains('-') {
            return s.parse().map(DeadlineLit::Day);
        }
        if !(1..=2).contains(&rest.len()) {
            return Err(());
        }
        Ok(DeadlineLit::Month {
            year: Some(year),
            month: digits(rest)?,
        })
    }
}

/// A period of the calendar: a day, month, quarter, half, the first months of a year, or a year. As a deadline
/// it means its last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Deadline {
    /// A real day.
    Day(NaiveDate),
    /// A month of a year.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
    /// A calendar quarter of a year.
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1–4.
        quarter: u32,
    },
    /// A half of a year: January–June or July–December.
    Half {
        /// The year.
        year: i32,
        /// The half, 1 or 2.
        half: u32,
    },
    /// January to the end of month `months` (2, 4, 5, 7 to 11; the others are a month, quarter, half or year):
    /// `2023-9M` is 1 January to 30 September 2023, a nine-month report's "9 tháng".
    Months {
        /// The year.
        year: i32,
        /// The month the period ends with.
        months: u32,
    },
    /// A whole calendar year.
    Year(i32),
}

impl Deadline {
    /// The year the period lies in.
    pub fn year(self) -> i32 {
        match self {
            Deadline::Day(d) => d.year(),
            Deadline::Month { year, .. }
            | Deadline::Quarter { year, .. }
            | Deadline::Half { year, .. }
            | Deadline::Months { year, .. }
            | Deadline::Year(year) => year,
        }
    }

    /// First and last month of the period (1-based), for everything but single days.
    fn months(self) -> (u32, u32) {
        match self {
            Deadline::Day(d) => (d.month(), d.month()),
            Deadline::Month { month, .. } => (month, month),
            Deadline::Quarter { quarter, .. } => (quarter * 3 - 2, quarter * 3),
            Deadline::Half { half, .. } => (half * 6 - 5, half * 6),
            Deadline::Months { months, .. } => (1, months),
            Deadline::Year(_) => (1, 12),
        }
    }

    pub(crate) fn first_day(self) -> Option<NaiveDate> {
        match self {
            Deadline::Day(d) => Some(d),
            _ => NaiveDate::from_ymd_opt(self.year(), self.months().0, 1),
        }
    }

    fn last_day_opt(self) -> Option<NaiveDate> {
        match self {
            Deadline::Day(d) => Some(d),
            _ => last_day_of_month(self.year(), self.months().1),
        }
    }

    /// The day the deadline falls on: the last day of its period.
    pub fn last_day(self) -> NaiveDate {
        // `resolve` only builds deadlines whose days exist, so the fallback is never taken.
        self.last_day_opt().unwrap_or(NaiveDate::MAX)
    }

    /// Whether the period has begun by `date` (its first day is on or before it). A period lies within one
    /// calendar year, so a different year decides without building a date: evaluation asks this of every value.
    pub fn begun_by(self, date: NaiveDate) -> bool {
        match self.year().cmp(&date.year()) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => self.first_day().is_some_and(|first| first <= date),
        }
    }

    /// Whether `date` lies within the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.first_day().is_some_and(|first| first <= date) && date <= self.last_day()
    }

    /// The period as a deadline literal, with its year: the key a facts file uses for it.
    pub fn key(self) -> String {
        self.to_string()
    }
}

/// The last day of a month, or `None` for a year chrono cannot represent (or a month that is not 1–12). One
/// calendar lookup: evaluation asks for it for every task and value.
pub(crate) fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    NaiveDate::from_ymd_opt(year, month, days)
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Deadline::Day(d) => write!(f, "{d}"),
            Deadline::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Deadline::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Deadline::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Deadline::Months { year, months } => write!(f, "{year:04}-{months}M"),
            Deadline::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests;
