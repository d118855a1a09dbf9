//! Tests of forecast figures: ordering, the suggestion rule, changes and movements.

use super::*;
use crate::domain::ids::DealId;
use crate::domain::money::Currency;

fn usd() -> Currency {
    Currency::parse("USD").unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn deal(id: i64, amount: i64, bucket: Bucket, close: NaiveDate) -> QuarterDeal {
    QuarterDeal {
        id: DealId::new(id),
        account: format!("Account {id}"),
        amount_minor: amount,
        bucket,
        close_date: close,
    }
}

#[test]
fn ordering_is_enforced_with_a_message_that_says_what_to_change() {
    assert!(ForecastNumbers::new(100, 100, 100, usd()).is_ok());
    assert!(ForecastNumbers::new(0, 0, 0, usd()).is_ok());
    let below = ForecastNumbers::new(12_000_000, 10_000_000, 20_000_000, usd()).unwrap_err();
    assert_eq!(
        below.to_string(),
        "most likely $100,000 is below commit $120,000; a forecast needs commit ≤ most likely ≤ \
         best case (raise most likely or lower commit)"
    );
    let above = ForecastNumbers::new(1, 300, 200, usd()).unwrap_err();
    assert!(above
        .to_string()
        .starts_with("most likely $3 is above best case $2;"));
    let crossed = ForecastNumbers::new(500, 400, 300, usd()).unwrap_err();
    assert!(crossed
        .to_string()
        .starts_with("commit $5 is above best case $3;"));
    let negative = ForecastNumbers::new(-1, 0, 0, usd())
        .unwrap_err()
        .to_string();
    assert!(negative.starts_with("commit "), "{negative}");
    assert!(negative.ends_with(" is negative; forecast figures are zero or more"));
}

#[test]
fn the_midpoint_rounds_half_up_to_the_minor_unit() {
    assert_eq!(midpoint(100, 200), 150);
    assert_eq!(midpoint(100, 101), 101);
    assert_eq!(midpoint(100, 100), 100);
    assert_eq!(midpoint(0, 3), 2);
}

#[test]
fn the_suggestion_counts_deals_in_the_quarter_by_bucket() {
    let (first, last) = (d(2026, 2, 1), d(2026, 4, 30));
    let deals = [
        deal(1, 1_000, Bucket::Closed, d(2026, 2, 1)),
        deal(2, 2_000, Bucket::Commit, d(2026, 4, 30)),
        deal(3, 4_000, Bucket::BestCase, d(2026, 3, 15)),
        deal(4, 8_000, Bucket::Pipeline, d(2026, 3, 15)),
        deal(5, 16_000, Bucket::Lost, d(2026, 3, 15)),
        deal(6, 32_000, Bucket::Omitted, d(2026, 3, 15)),
        deal(7, 64_000, Bucket::Commit, d(2026, 5, 1)),
        deal(8, 128_000, Bucket::Closed, d(2026, 1, 31)),
        deal(9, 3, Bucket::BestCase, d(2026, 4, 1)),
    ];
    let s = suggest(&deals, first, last);
    assert_eq!(s.closed_won, 1_000);
    assert_eq!(s.commit, 3_000);
    assert_eq!(s.best_case, 7_003);
    assert_eq!(s.most_likely, 3_000 + 2_002);
    assert_eq!(s.deals, 4);
}

#[test]
fn the_stage_decides_the_bucket_of_closed_deals() {
    use crate::domain::deal::{ForecastCategory as C, Stage as S};
    assert_eq!(Bucket::of(S::ClosedWon, C::Pipeline), Bucket::Closed);
    assert_eq!(Bucket::of(S::ClosedLost, C::Commit), Bucket::Lost);
    assert_eq!(Bucket::of(S::Negotiating, C::Closed), Bucket::Commit);
    assert_eq!(Bucket::of(S::Proposal, C::BestCase), Bucket::BestCase);
    assert_eq!(Bucket::of(S::Pending, C::Omitted), Bucket::Omitted);
    for b in [Bucket::Closed, Bucket::Lost, Bucket::Pipeline] {
        assert_eq!(Bucket::from_str_opt(b.as_str()), Some(b));
    }
}

#[test]
fn changes_read_with_sign_amount_and_percent() {
    assert_eq!(
        change_text(11_250_000, 10_000_000, usd()),
        "+$12,500 (+12.5%)"
    );
    assert_eq!(change_text(9_960_000, 10_000_000, usd()), "-$400 (-0.4%)");
    assert_eq!(change_text(5, 5, usd()), "no change");
    assert_eq!(change_text(8_000_000, 0, usd()), "+$80,000 (new)");
    assert_eq!(change_text(2, 3, usd()), "-$0.01 (-33.3%)");
}

#[test]
fn movements_list_bucket_changes_and_deals_entering_or_leaving_biggest_first() {
    let q = d(2026, 3, 1);
    let then = [
        deal(1, 500, Bucket::BestCase, q),
        deal(2, 900, Bucket::Commit, q),
        deal(3, 100, Bucket::Commit, q),
        deal(4, 50, Bucket::Pipeline, q),
        deal(5, 70, Bucket::Pipeline, q),
    ];
    let now = [
        deal(1, 600, Bucket::Commit, q),
        deal(3, 100, Bucket::Commit, q),
        deal(4, 50, Bucket::Commit, q),
        deal(6, 300, Bucket::BestCase, q),
    ];
    let moves = movements(&then, &now);
    let summary: Vec<(i64, Option<Bucket>, Option<Bucket>)> = moves
        .iter()
        .map(|m| (m.deal_id.get(), m.from, m.to))
        .collect();
    assert_eq!(
        summary,
        vec![
            (2, Some(Bucket::Commit), None),
            (1, Some(Bucket::BestCase), Some(Bucket::Commit)),
            (6, None, Some(Bucket::BestCase)),
            (4, Some(Bucket::Pipeline), Some(Bucket::Commit)),
        ]
    );
    assert_eq!((moves[1].amount_then, moves[1].amount_now), (500, 600));
}
