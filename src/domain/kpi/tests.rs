//! Tests of the KPI arithmetic: attribution split, shares, changes.

use super::*;
use crate::domain::deal::Marketplace;

fn won(
    id: i64,
    amount: i64,
    sourced: bool,
    reseller: bool,
    market: bool,
    influence: bool,
) -> WonDeal {
    WonDeal {
        deal_id: DealId::new(id),
        account_id: AccountId::new(id),
        amount_minor: amount,
        close_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        facts: AttributionFacts {
            sourced_registration: sourced,
            transacting_partner: reseller,
            distributor: false,
            marketplace: if market {
                Marketplace::Aws
            } else {
                Marketplace::None
            },
            influence,
        },
    }
}

#[test]
fn revenue_is_split_exclusively_by_attribution() {
    let deals = [
        won(1, 500, true, true, true, true),
        won(2, 300, false, true, false, true),
        won(3, 100, false, false, true, false),
        won(4, 60, false, false, false, true),
        won(5, 40, false, false, false, false),
    ];
    let r = Revenue::of(&deals);
    assert_eq!(
        (
            r.total,
            r.sourced,
            r.co_sell,
            r.influence,
            r.direct,
            r.deals
        ),
        (1000, 500, 400, 60, 40, 5)
    );
    assert_eq!(r.sourced_share().text(), "50.0%");
    assert_eq!(r.co_sell_influence_share().text(), "46.0%");
    assert_eq!(r.direct_share().text(), "4.0%");
    assert_eq!(Revenue::of(&[]).sourced_share().text(), "—");
}

#[test]
fn shares_are_rounded_once_half_up_to_one_decimal() {
    let share = |p, t| Share::new(p, t);
    assert_eq!(share(1, 3).text(), "33.3%");
    assert_eq!(share(2, 3).text(), "66.7%");
    assert_eq!(share(1, 8).text(), "12.5%");
    assert_eq!(share(10, 10).text(), "100.0%");
    assert_eq!(share(1, 2000).text(), "0.1%");
    // 33.345% is 33.3%, not 33.4% (rounding to basis points first would give 33.4%).
    assert_eq!(share(33_345, 100_000).text(), "33.3%");
    assert_eq!(share(1, 0).text(), "—");
    assert_eq!(
        share(3450, 10_000).points_change(&share(3010, 10_000)),
        "+4.4 pts"
    );
    assert_eq!(
        share(3000, 10_000).points_change(&share(3030, 10_000)),
        "-0.3 pts"
    );
    assert_eq!(share(1, 3).points_change(&share(2, 6)), "no change");
    assert_eq!(share(1, 3).points_change(&share(0, 0)), "no comparison");
    assert_eq!(count_change(5, 2), "+3");
    assert_eq!(count_change(2, 5), "-3");
    assert_eq!(count_change(2, 2), "no change");
    assert_eq!(per_partner_tenths(17, 5), Some(34));
    assert_eq!(per_partner_tenths(1, 0), None);
}
