//! Fee and margin arithmetic at every tier boundary, the rounding rule, overflow.

use super::margin::{example_terms, DiscountRow};
use super::*;
use crate::domain::partner::Track;

const USD: Currency = Currency::USD;
/// $1 in cents.
const DOLLAR: i64 = 100;
const MILLION: i64 = 1_000_000 * DOLLAR;

fn defaults() -> FeeSchedule {
    FeeSchedule::new(Vec::new(), USD)
}

fn aws(offer: OfferKind, tcv: i64, cppo: bool) -> i64 {
    fee_bp(&defaults(), Marketplace::Aws, offer, tcv, cppo)
        .unwrap()
        .bp
}

#[test]
fn aws_private_offers_step_down_at_one_and_ten_million() {
    use OfferKind::Private;
    for (tcv, bp) in [
        (0, 300),
        (1, 300),
        (MILLION - 1, 300), // $999,999.99
        (MILLION, 200),     // exactly $1,000,000
        (MILLION + 1, 200),
        (10 * MILLION - 1, 200), // $9,999,999.99
        (10 * MILLION, 150),     // exactly $10,000,000
        (i64::MAX, 150),
    ] {
        assert_eq!(aws(Private, tcv, false), bp, "TCV {tcv}");
    }
}

#[test]
fn aws_public_offers_and_renewals_are_flat() {
    for tcv in [0, MILLION - 1, MILLION, 10 * MILLION, 50 * MILLION] {
        assert_eq!(aws(OfferKind::Public, tcv, false), 300, "{tcv}");
        assert_eq!(aws(OfferKind::Renewal, tcv, false), 150, "{tcv}");
    }
}

#[test]
fn a_channel_partner_private_offer_adds_half_a_percent() {
    assert_eq!(aws(OfferKind::Private, MILLION - 1, true), 350);
    assert_eq!(aws(OfferKind::Private, MILLION, true), 250);
    assert_eq!(aws(OfferKind::Private, 10 * MILLION, true), 200);
    assert_eq!(aws(OfferKind::Renewal, MILLION, true), 200);
    let fee = fee_bp(
        &defaults(),
        Marketplace::Aws,
        OfferKind::Private,
        MILLION,
        true,
    )
    .unwrap();
    assert_eq!(
        fee.describe(USD),
        "Private offer, $1M to below $10M: 2% + 0.5% CPPO add-on = 2.5% (default)"
    );
    let fee = fee_bp(
        &defaults(),
        Marketplace::Aws,
        OfferKind::Private,
        10 * MILLION,
        false,
    )
    .unwrap();
    assert_eq!(
        fee.describe(USD),
        "Private offer, from $10M: 1.5% (default)"
    );
    let fee = fee_bp(&defaults(), Marketplace::Aws, OfferKind::Private, 5, false).unwrap();
    assert_eq!(fee.describe(USD), "Private offer, below $1M: 3% (default)");
}

#[test]
fn google_cloud_and_azure_have_no_built_in_schedule() {
    for (marketplace, name) in [
        (Marketplace::Gcp, "Google Cloud"),
        (Marketplace::Azure, "Azure"),
    ] {
        let err = fee_bp(&defaults(), marketplace, OfferKind::Private, MILLION, false).unwrap_err();
        assert!(
            err.to_string().starts_with(&format!(
                "no {name} fee schedule configured; an admin sets it with `/program fee"
            )),
            "{err}"
        );
        assert_eq!(defaults().source(marketplace), ScheduleSource::Missing);
    }
    assert_eq!(
        fee_bp(&defaults(), Marketplace::None, OfferKind::Private, 1, false),
        Err(ProgramError::NotAMarketplace)
    );
}

#[test]
fn a_workspace_schedule_replaces_the_defaults_of_its_marketplace_only() {
    let gcp = |offer, min_tcv_minor, fee_bp| FeeTier {
        marketplace: Marketplace::Gcp,
        offer,
        min_tcv_minor,
        fee_bp,
    };
    let aws_row = FeeTier {
        marketplace: Marketplace::Aws,
        offer: OfferKind::Private,
        min_tcv_minor: 0,
        fee_bp: 275,
    };
    let schedule = FeeSchedule::new(
        vec![
            gcp(OfferKind::Private, MILLION, 180),
            gcp(OfferKind::Private, 0, 300),
        ],
        USD,
    );
    assert_eq!(schedule.source(Marketplace::Gcp), ScheduleSource::Workspace);
    assert_eq!(schedule.source(Marketplace::Aws), ScheduleSource::Default);
    let at = |tcv| {
        fee_bp(&schedule, Marketplace::Gcp, OfferKind::Private, tcv, false)
            .unwrap()
            .bp
    };
    assert_eq!((at(MILLION - 1), at(MILLION)), (300, 180));
    // No renewal tier configured for Google Cloud: said clearly.
    let err = fee_bp(&schedule, Marketplace::Gcp, OfferKind::Renewal, 1, false).unwrap_err();
    assert!(err.to_string().contains("has no Renewal tier"), "{err}");
    // No CPPO add-on configured: none is added.
    assert_eq!(
        fee_bp(&schedule, Marketplace::Gcp, OfferKind::Private, 1, true)
            .unwrap()
            .bp,
        300
    );

    let own_aws = FeeSchedule::new(vec![aws_row], USD);
    assert_eq!(own_aws.tiers(Marketplace::Aws), vec![aws_row]);
    assert_eq!(
        fee_bp(
            &own_aws,
            Marketplace::Aws,
            OfferKind::Private,
            20 * MILLION,
            false
        )
        .unwrap()
        .bp,
        275
    );
    assert!(fee_bp(&own_aws, Marketplace::Aws, OfferKind::Public, 1, false).is_err());
}

#[test]
fn default_thresholds_follow_the_currency_s_minor_unit() {
    let yen = FeeSchedule::new(Vec::new(), Currency::JPY);
    let at = |tcv| {
        fee_bp(&yen, Marketplace::Aws, OfferKind::Private, tcv, false)
            .unwrap()
            .bp
    };
    assert_eq!((at(999_999), at(1_000_000)), (300, 200));
}

#[test]
fn fees_round_half_up_and_fee_plus_net_is_the_amount() {
    // 3% of $0.16 = 0.48 cents -> 0; of $0.17 = 0.51 -> 1; 2.5% of $0.20 = 0.5 -> 1 (half up).
    for (amount, bp, fee) in [
        (16, 300, 0),
        (17, 300, 1),
        (20, 250, 1),
        (19, 250, 0),
        (100, 150, 2), // 1.5 -> 2
        (MILLION, 200, 2 * MILLION / 100),
        (0, 300, 0),
        (12_345, 0, 0),
        (12_345, 10_000, 12_345),
    ] {
        assert_eq!(fee_minor(amount, bp), fee, "{amount} at {bp}");
        assert_eq!(vendor_net(amount, bp) + fee_minor(amount, bp), amount);
    }
}

#[test]
fn large_amounts_do_not_overflow() {
    assert_eq!(fee_minor(i64::MAX, 10_000), i64::MAX);
    assert_eq!(fee_minor(i64::MAX, 150), 138_350_580_552_821_637);
    assert_eq!(
        vendor_net(i64::MAX, 150) + fee_minor(i64::MAX, 150),
        i64::MAX
    );
    // $10 billion, the largest amount accepted, at 3.5%.
    let ten_billion = 10_000_000_000 * DOLLAR;
    assert_eq!(fee_minor(ten_billion, 350), 35_000_000_000);
}

#[test]
fn a_quote_takes_the_discount_half_up_then_the_fee_on_the_partner_price() {
    let program = Terms {
        discount_bp: 2000,
        rebate_bp: 0,
    };
    // $100,000.05 at 22%: discount 22,000.011 -> $22,000.01.
    let q = quote(10_000_005, 2200, program, Some(250));
    assert_eq!(q.discount_minor, 2_200_001);
    assert_eq!(q.partner_price_minor, 7_800_004);
    assert_eq!(q.partner_margin_minor, 2_200_001);
    // 2.5% of $78,000.04 = 1,950.001 -> $1,950.00.
    assert_eq!(q.fee_minor, 195_000);
    assert_eq!(q.vendor_net_minor, 7_605_004);
    assert_eq!(q.fee_minor + q.vendor_net_minor, q.partner_price_minor);
    assert_eq!(q.versus, Versus::Exceeds(200));
    assert_eq!(q.versus.describe(), "exceeds the program by 2%");

    // 0.5 cent of discount rounds up: 50% of 1 cent.
    let q = quote(1, 5000, program, None);
    assert_eq!(
        (q.discount_minor, q.partner_price_minor, q.fee_minor),
        (1, 0, 0)
    );
    assert_eq!(q.vendor_net_minor, 0);
}

#[test]
fn a_quote_at_below_or_over_the_program_says_so() {
    let program = Terms {
        discount_bp: 2500,
        rebate_bp: 0,
    };
    assert_eq!(quote(MILLION, 2500, program, None).versus, Versus::Matches);
    assert_eq!(
        quote(MILLION, 2501, program, None).versus,
        Versus::Exceeds(1)
    );
    assert_eq!(quote(MILLION, 2499, program, None).versus, Versus::Below(1));
    assert_eq!(
        quote(MILLION, 2000, program, None).versus.describe(),
        "is 5% below the program"
    );
    let q = quote(MILLION, 2500, program, None);
    assert_eq!(q.vendor_net_minor, 3 * MILLION / 4);
    assert_eq!(q.fee_bp, None);
}

#[test]
fn a_referral_quote_has_no_discount_and_a_rebate_on_the_price() {
    let terms = example_terms(Track::Select, DealType::Referral);
    assert_eq!(terms.discount_bp, 0);
    let q = quote(100_000 * DOLLAR, 0, terms, Some(300));
    assert_eq!(q.partner_price_minor, 100_000 * DOLLAR);
    assert_eq!(q.fee_minor, 3_000 * DOLLAR);
    assert_eq!(q.rebate_minor, 10_000 * DOLLAR);
    assert_eq!(q.vendor_net_after_rebate_minor, 87_000 * DOLLAR);
}

#[test]
fn the_example_table_pays_referral_and_services_only_as_rebates() {
    for track in <Track as Choice>::ALL {
        for deal_type in <DealType as Choice>::ALL {
            let terms = example_terms(*track, *deal_type);
            assert_eq!(
                deal_type.is_rebate_only(),
                terms.discount_bp == 0,
                "{track:?} {deal_type:?}"
            );
            assert!(terms.discount_bp <= BP_WHOLE && terms.rebate_bp <= BP_WHOLE);
        }
        let sourced = example_terms(*track, DealType::SourcedResale).discount_bp;
        let co_sell = example_terms(*track, DealType::CoSellResale).discount_bp;
        assert!(sourced > co_sell, "sourced gets the largest discount");
    }
}

#[test]
fn a_workspace_cell_overrides_the_example() {
    let own = Terms {
        discount_bp: 3000,
        rebate_bp: 200,
    };
    let table = ProgramTable::new(vec![DiscountRow {
        track: Track::Select,
        deal_type: DealType::SourcedResale,
        terms: own,
    }]);
    assert_eq!(
        table.terms(Track::Select, DealType::SourcedResale),
        (own, false)
    );
    assert_eq!(
        table.terms(Track::Open, DealType::SourcedResale),
        (example_terms(Track::Open, DealType::SourcedResale), true)
    );
}

#[test]
fn tiers_are_named_by_their_range() {
    assert_eq!(tier_range(0, None, USD), "any amount");
    assert_eq!(tier_range(0, Some(MILLION), USD), "below $1M");
    assert_eq!(
        tier_range(MILLION, Some(10 * MILLION), USD),
        "$1M to below $10M"
    );
    assert_eq!(tier_range(10 * MILLION, None, USD), "from $10M");
}

#[test]
fn program_enums_have_the_planned_ids() {
    let ids: Vec<&str> = OfferKind::ALL.iter().map(Choice::as_str).collect();
    assert_eq!(ids, ["public", "private", "renewal", "cppo_addon"]);
    let ids: Vec<&str> = DealType::ALL.iter().map(Choice::as_str).collect();
    assert_eq!(
        ids,
        [
            "sourced_resale",
            "co_sell_resale",
            "renewal",
            "msp",
            "referral",
            "services_attach"
        ]
    );
}
