use super::*;
use crate::domain::money::{Currency, Money};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn deal() -> Deal {
    Deal {
        id: DealId::new(7),
        account_id: AccountId::new(3),
        name: "Acme renewal".to_string(),
        amount: Money::new(12_000_000, Currency::USD),
        stage: Stage::Discovery,
        close_date: day(2026, 6, 30),
        forecast: ForecastCategory::Pipeline,
        path: DealPath::Direct,
        owner_user_id: UserId::new(42),
        territory_id: None,
        sourcing_partner_id: None,
        transacting_partner_id: None,
        distributor_partner_id: None,
        marketplace: Marketplace::None,
        private_offer_id: None,
        portal_id: None,
        portal_stage: None,
        portal_status: None,
        is_renewal: false,
        closed_on: None,
    }
}

#[test]
fn a_portal_id_needs_a_marketplace() {
    let mut d = deal();
    d.portal_id = Some("O1234567".to_string());
    assert_eq!(
        d.check_portal_id().unwrap_err().to_string(),
        "`portal_id:` `O1234567` is a co-sell portal id, so it needs a marketplace; add \
         `marketplace:aws` (or gcp, azure), or remove it with `portal_id:none`"
    );
    d.marketplace = Marketplace::Aws;
    d.portal_id = Some(" O1234567 ".to_string());
    d.check_portal_id().unwrap();
    assert_eq!(d.portal_id.as_deref(), Some("O1234567"));
    d.portal_id = Some("nope".to_string());
    assert!(matches!(
        d.check_portal_id(),
        Err(DomainError::InvalidAceOpportunityId { .. })
    ));
}

#[test]
fn an_open_deal_cannot_close_in_the_past() {
    let mut d = deal();
    let err = d.check_close_date(day(2026, 7, 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "close date {} is in the past; an open deal closes today or later. Give a date \
             like `close:+30d`, or set `stage:closed_won` or `stage:closed_lost`",
            format_date(day(2026, 6, 30))
        )
    );
    d.check_close_date(day(2026, 6, 30)).unwrap();
    d.stage = Stage::ClosedWon;
    d.check_close_date(day(2026, 7, 1)).unwrap();
}

#[test]
fn has_partner_sees_every_role() {
    let mut d = deal();
    assert!(!d.has_partner());
    d.distributor_partner_id = Some(PartnerId::new(9));
    assert!(d.has_partner());
}

#[test]
fn serialises_ids_as_bare_numbers() {
    let json = serde_json::to_value(deal()).unwrap();
    assert_eq!(json["id"], 7);
    assert_eq!(json["owner_user_id"], 42);
    assert_eq!(json["territory_id"], serde_json::Value::Null);
}
