//! The workspace record: one team (one Discord server) and the settings every command reads:
//! timezone, currency, fiscal calendar, the channels posts go to, read access and the
//! registration and forecast rules. `store::workspace` reads and writes it.

use crate::domain::calendar::FiscalCalendar;
use crate::domain::forecast::{Deadline, ForecastCalendar};
use crate::domain::ids::{ChannelId, WorkspaceId};
use crate::domain::money::{Currency, Money};
use chrono_tz::Tz;

/// A workspace and its settings, as every command sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: String,
    pub timezone: Tz,
    pub currency: Currency,
    pub calendar: FiscalCalendar,
    pub review_channel_id: Option<ChannelId>,
    pub digest_channel_id: Option<ChannelId>,
    pub reminder_channel_id: Option<ChannelId>,
    pub announce_channel_id: Option<ChannelId>,
    /// Members with no mapped role may ask read-only questions (coverage, partner profiles).
    pub open_read: bool,
    pub registration_validity_days: i64,
    pub registration_extension_days: i64,
    /// When the weekly forecast is due (weekday and local time).
    pub forecast_deadline: Deadline,
}

impl Workspace {
    /// The forecast-week calendar: fiscal quarters, the timezone and the weekly deadline.
    pub fn forecast_calendar(&self) -> ForecastCalendar {
        ForecastCalendar::new(self.calendar, self.timezone, self.forecast_deadline)
    }

    /// An amount of minor units in the workspace currency, the unit every stored amount is in.
    pub fn money(&self, minor: i64) -> Money {
        Money::new(minor, self.currency)
    }
}
