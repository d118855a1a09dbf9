//! The deal fields `/deal add` and `/deal update` share: read from the options into domain
//! types (names resolved, amounts and dates parsed), applied to a [`Deal`], and the checks that
//! need the whole deal (partner types here; portal id and close date are [`Deal`]'s own rules).

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup::{self, Named};
use crate::core::options::UserArg;
use crate::domain::deal::{
    default_category, Deal, DealPath, ForecastCategory, Marketplace, PortalStage, PortalStatus,
    Stage,
};
use crate::domain::ids::{PartnerId, WorkspaceId};
use crate::domain::money::Money;
use crate::domain::names::Name;
use crate::domain::partner::PartnerType;
use crate::domain::Choice;
use crate::store::deal;
use crate::store::member::Member;
use crate::store::partner::PartnerRef;
use chrono::NaiveDate;

/// A change to an optional field: `None` leaves it, `Some(None)` clears it (`none`, update only).
pub(super) type Change<T> = Option<Option<T>>;

/// The deal fields given in one command, resolved and parsed.
#[derive(Debug, Default)]
pub(super) struct DealInput {
    pub amount: Option<Money>,
    pub close: Option<NaiveDate>,
    pub sourcing: Change<PartnerRef>,
    pub reseller: Change<PartnerRef>,
    pub distributor: Change<PartnerRef>,
    pub stage: Option<Stage>,
    pub forecast: Option<ForecastCategory>,
    pub path: Option<DealPath>,
    pub territory: Option<Named>,
    pub owner: Option<Member>,
    pub name: Option<Name>,
    pub marketplace: Option<Marketplace>,
    /// Checked against the marketplace in [`check`], once the whole deal is known.
    pub portal_id: Change<String>,
    pub portal_stage: Option<PortalStage>,
    pub portal_status: Option<PortalStatus>,
    pub private_offer: Change<String>,
    pub renewal: Option<bool>,
}

/// Whether `text` asks to clear a field.
fn is_clear(text: &str) -> bool {
    matches!(text.trim().to_lowercase().as_str(), "none" | "-" | "—")
}

/// The deal options `/deal add` and `/deal update` share, as given (names not yet resolved).
#[derive(Debug, Default)]
pub(super) struct DealFields {
    pub amount: Option<Money>,
    pub close: Option<NaiveDate>,
    pub partner: Option<String>,
    pub reseller: Option<String>,
    pub distributor: Option<String>,
    pub stage: Option<Stage>,
    pub forecast: Option<ForecastCategory>,
    pub path: Option<DealPath>,
    pub territory: Option<String>,
    pub owner: Option<UserArg>,
    pub name: Option<String>,
    pub marketplace: Option<Marketplace>,
    pub portal_id: Option<String>,
    pub portal_stage: Option<PortalStage>,
    pub portal_status: Option<PortalStatus>,
    pub private_offer: Option<String>,
    pub renewal: Option<bool>,
}

/// Moves the shared fields out of a command's arguments (`amount` and `close` are required on
/// add, optional on update).
macro_rules! deal_fields {
    ($args:expr, amount: $amount:expr, close: $close:expr) => {{
        let args = $args;
        DealFields {
            amount: $amount(args.amount),
            close: $close(args.close),
            partner: args.partner,
            reseller: args.reseller,
            distributor: args.distributor,
            stage: args.stage,
            forecast: args.forecast,
            path: args.path,
            territory: args.territory,
            owner: args.owner,
            name: args.name,
            marketplace: args.marketplace,
            portal_id: args.portal_id,
            portal_stage: args.portal_stage,
            portal_status: args.portal_status,
            private_offer: args.private_offer,
            renewal: args.renewal,
        }
    }};
}

impl From<args::DealAdd> for DealFields {
    fn from(args: args::DealAdd) -> Self {
        deal_fields!(args, amount: Some, close: Some)
    }
}

impl From<args::DealUpdate> for DealFields {
    fn from(args: args::DealUpdate) -> Self {
        deal_fields!(args, amount: std::convert::identity, close: std::convert::identity)
    }
}

impl DealFields {
    /// Whether no field was given (an update that changes nothing).
    pub fn is_empty(&self) -> bool {
        let Self {
            amount,
            close,
            partner,
            reseller,
            distributor,
            stage,
            forecast,
            path,
            territory,
            owner,
            name,
            marketplace,
            portal_id,
            portal_stage,
            portal_status,
            private_offer,
            renewal,
        } = self;
        amount.is_none()
            && close.is_none()
            && partner.is_none()
            && reseller.is_none()
            && distributor.is_none()
            && stage.is_none()
            && forecast.is_none()
            && path.is_none()
            && territory.is_none()
            && owner.is_none()
            && name.is_none()
            && marketplace.is_none()
            && portal_id.is_none()
            && portal_stage.is_none()
            && portal_status.is_none()
            && private_offer.is_none()
            && renewal.is_none()
    }
}

impl DealInput {
    /// Resolves and parses the given fields. `clearable`: `none` removes an optional field
    /// (update); on add it is read as a name like any other.
    pub async fn read(
        ctx: &mut Ctx<'_>,
        fields: DealFields,
        clearable: bool,
    ) -> CommandResult<DealInput> {
        let mut input = DealInput {
            amount: fields.amount,
            close: fields.close,
            stage: fields.stage,
            forecast: fields.forecast,
            path: fields.path,
            marketplace: fields.marketplace,
            portal_stage: fields.portal_stage,
            portal_status: fields.portal_status,
            renewal: fields.renewal,
            ..DealInput::default()
        };
        if let Some(text) = &fields.name {
            input.name = Some(Name::parse(text, "deal name")?);
        }
        input.sourcing = partner(ctx, fields.partner, clearable).await?;
        input.reseller = partner(ctx, fields.reseller, clearable).await?;
        input.distributor = partner(ctx, fields.distributor, clearable).await?;
        if let Some(text) = fields.territory {
            input.territory = Some(lookup::territory(ctx, &text).await?);
        }
        if let Some(user) = fields.owner {
            input.owner = Some(lookup::member(ctx, &user).await?);
        }
        input.portal_id = text_change(fields.portal_id, clearable);
        input.private_offer = text_change(fields.private_offer, clearable);
        Ok(input)
    }

    /// Sets every given field on `deal`. A stage change also sets the forecast category (unless
    /// given) and `closed_on`: today when the deal closes, cleared when it reopens.
    pub fn apply(&self, deal: &mut Deal, today: NaiveDate) {
        let before = deal.clone();
        if let Some(amount) = self.amount {
            deal.amount = amount;
        }
        if let Some(close) = self.close {
            deal.close_date = close;
        }
        if let Some(stage) = self.stage {
            if stage != before.stage {
                deal.stage = stage;
                deal.forecast = default_category(stage);
                deal.closed_on = if stage.is_open() { None } else { Some(today) };
            }
        }
        if let Some(forecast) = self.forecast {
            deal.forecast = forecast;
        }
        set(&mut deal.sourcing_partner_id, &self.sourcing, |p| p.id);
        set(&mut deal.transacting_partner_id, &self.reseller, |p| p.id);
        set(&mut deal.distributor_partner_id, &self.distributor, |p| {
            p.id
        });
        match self.path {
            Some(path) => deal.path = path,
            None => {
                // The path follows the partner roles unless given.
                let had = before.has_partner();
                let has = deal.has_partner();
                if !had && has && deal.path == DealPath::Direct {
                    deal.path = DealPath::Partner;
                } else if had && !has && deal.path == DealPath::Partner {
                    deal.path = DealPath::Direct;
                }
            }
        }
        if let Some(territory) = &self.territory {
            deal.territory_id = Some(territory.id);
        }
        if let Some(owner) = &self.owner {
            deal.owner_user_id = owner.user_id;
        }
        if let Some(name) = &self.name {
            deal.name = name.as_str().to_string();
        }
        if let Some(marketplace) = self.marketplace {
            deal.marketplace = marketplace;
        }
        set(&mut deal.portal_id, &self.portal_id, |id| {
            id.trim().to_string()
        });
        if let Some(stage) = self.portal_stage {
            deal.portal_stage = Some(stage);
        }
        if let Some(status) = self.portal_status {
            deal.portal_status = Some(status);
        }
        set(&mut deal.private_offer_id, &self.private_offer, |id| {
            id.trim().to_string()
        });
        if let Some(renewal) = self.renewal {
            deal.is_renewal = renewal;
        }
    }
}

fn set<T, U>(field: &mut Option<U>, change: &Change<T>, value: impl Fn(&T) -> U) {
    if let Some(change) = change {
        *field = change.as_ref().map(value);
    }
}

async fn partner(
    ctx: &mut Ctx<'_>,
    given: Option<String>,
    clearable: bool,
) -> CommandResult<Change<PartnerRef>> {
    match given {
        None => Ok(None),
        Some(text) if clearable && is_clear(&text) => Ok(Some(None)),
        Some(text) => Ok(Some(Some(lookup::partner(ctx, &text).await?))),
    }
}

fn text_change(given: Option<String>, clearable: bool) -> Change<String> {
    given.map(|text| {
        if clearable && is_clear(&text) {
            None
        } else {
            Some(text)
        }
    })
}

/// Partner types that can transact a deal.
pub(crate) const TRANSACTING_TYPES: &[PartnerType] = &[
    PartnerType::Reseller,
    PartnerType::Msp,
    PartnerType::Cloud,
    PartnerType::Distributor,
];

/// Checks the partners given for the reseller and distributor roles have a type that fits.
pub(super) async fn check_partner_types(ctx: &mut Ctx<'_>, input: &DealInput) -> CommandResult<()> {
    let ws = ctx.workspace.id;
    if let Some(Some(reseller)) = &input.reseller {
        let kind = partner_type(ctx, ws, reseller.id).await?;
        if !TRANSACTING_TYPES.contains(&kind) {
            return Err(CommandError::invalid(format!(
                "`reseller:` **{}** is a {} partner, and only a reseller, MSP, cloud or \
                 distributor partner can transact a deal. Give a GSI or SI that found the deal \
                 as `partner:` instead.",
                reseller.name,
                kind.label()
            )));
        }
    }
    if let Some(Some(distributor)) = &input.distributor {
        let kind = partner_type(ctx, ws, distributor.id).await?;
        if kind != PartnerType::Distributor {
            return Err(CommandError::invalid(format!(
                "`distributor:` **{}** is a {} partner, not a distributor; give a partner of \
                 type distributor (see `/partner list`)",
                distributor.name,
                kind.label()
            )));
        }
    }
    Ok(())
}

pub(crate) async fn partner_type(
    ctx: &mut Ctx<'_>,
    ws: WorkspaceId,
    id: PartnerId,
) -> CommandResult<PartnerType> {
    let stored = deal::partner_type(ctx.conn(), ws, id).await?;
    Ok(deal::stored::<PartnerType>(&stored)?)
}

/// Checks what needs the whole deal: the portal id fits the marketplace, and an open deal does
/// not close in the past (when its close date was given or it is being reopened).
pub(super) fn check(
    deal: &mut Deal,
    close_given_or_reopened: bool,
    today: NaiveDate,
) -> CommandResult<()> {
    deal.check_portal_id()?;
    if close_given_or_reopened {
        deal.check_close_date(today)?;
    }
    Ok(())
}
