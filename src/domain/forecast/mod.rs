//! Weekly forecasts: the forecast week calendar (`week`): which Monday-to-Sunday week a
//! submission counts for, when that week's submissions are due, and how weeks are labelled
//! within fiscal quarters (`FY27-Q1 W05`); and the figures (`numbers`): Commit ≤ most likely ≤
//! Best Case, the suggestion from a PTM's deals, how each deal counts, week-over-week changes.
//!
//! # Layout
//! - [`week`]: the submission [`Deadline`] (`monday 12:00`), the [`ForecastCalendar`] of a
//!   workspace (fiscal calendar, time zone, deadline) and the [`ForecastWeek`]s it produces.
//! - [`numbers`]: [`numbers::ForecastNumbers`], [`numbers::suggest`], [`numbers::Bucket`],
//!   [`numbers::movements`] and [`numbers::change_text`].

pub mod numbers;
pub mod week;

pub use week::{Deadline, ForecastCalendar, ForecastWeek};
