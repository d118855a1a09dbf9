//! What each command is: who may run it, whether it writes, whether its buttons answer in
//! place, which caches it makes stale, and the handler it runs. These are exhaustive matches
//! over [`CommandKind`] (generated from `commands/*.json`), so a new manifest entry does not
//! compile until each is decided.

use crate::core::access::{Access, ADMIN, EVERY_ROLE, MANAGERS, PARTNER_TEAM};
use crate::core::cache::Stale;
use crate::core::command::{Command, CommandKind};
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::{
    account, away, compliance, deal, forecast, help, kpi, partner, program, quote, registration,
    schedule, setup, territory, touch,
};

impl CommandKind {
    /// Who may run the command.
    pub fn access(self) -> Access {
        use CommandKind::*;
        match self {
            Help => Access::Public,
            SetupShow => Access::Roles(MANAGERS),
            SetupWorkspace => Access::Roles(ADMIN),
            SetupRole => Access::Roles(ADMIN),
            SetupChannel => Access::Roles(ADMIN),
            TerritoryAdd => Access::Roles(MANAGERS),
            TerritoryAssign => Access::Roles(MANAGERS),
            TerritoryList => Access::Anyone,
            PartnerAdd => Access::Roles(PARTNER_TEAM),
            PartnerUpdate => Access::Roles(PARTNER_TEAM),
            PartnerShow => Access::Anyone,
            PartnerList => Access::Anyone,
            AccountAdd => Access::Roles(EVERY_ROLE),
            AccountShow => Access::Anyone,
            DealAdd => Access::Roles(PARTNER_TEAM),
            DealUpdate => Access::Roles(PARTNER_TEAM),
            DealShow => Access::Roles(EVERY_ROLE),
            DealList => Access::Roles(EVERY_ROLE),
            DealInfluence => Access::Roles(PARTNER_TEAM),
            ProgramShow => Access::Roles(EVERY_ROLE),
            ProgramDiscount => Access::Roles(ADMIN),
            ProgramFee => Access::Roles(ADMIN),
            QuoteCheck => Access::Roles(PARTNER_TEAM),
            Compliance => Access::Roles(PARTNER_TEAM),
            DealRegister => Access::Roles(PARTNER_TEAM),
            RegistrationApprove => Access::Roles(MANAGERS),
            RegistrationDeny => Access::Roles(MANAGERS),
            RegistrationReturn => Access::Roles(MANAGERS),
            RegistrationResubmit => Access::Roles(PARTNER_TEAM),
            RegistrationExtend => Access::Roles(PARTNER_TEAM),
            RegistrationWithdraw => Access::Roles(PARTNER_TEAM),
            RegistrationList => Access::Roles(EVERY_ROLE),
            RegistrationShow => Access::Roles(EVERY_ROLE),
            RegistrationExpiring => Access::Roles(EVERY_ROLE),
            TouchLog => Access::Roles(EVERY_ROLE),
            TouchList => Access::Roles(EVERY_ROLE),
            ForecastSubmit => Access::Roles(PARTNER_TEAM),
            ForecastShow => Access::Roles(PARTNER_TEAM),
            ForecastTeam => Access::Roles(MANAGERS),
            ForecastExport => Access::Roles(MANAGERS),
            Away => Access::Roles(EVERY_ROLE),
            Kpi => Access::Roles(PARTNER_TEAM),
            ScheduleAdd => Access::Roles(MANAGERS),
            ScheduleList => Access::Roles(MANAGERS),
            ScheduleRemove => Access::Roles(MANAGERS),
            SchedulePause => Access::Roles(MANAGERS),
            ScheduleResume => Access::Roles(MANAGERS),
            ScheduleRunNow => Access::Roles(MANAGERS),
        }
    }

    /// Writes run in a write transaction, leave an audit row and are applied once per
    /// interaction; reads run in a read transaction.
    pub fn writes(self) -> bool {
        use CommandKind::*;
        match self {
            SetupWorkspace | SetupRole | SetupChannel | TerritoryAdd | TerritoryAssign
            | PartnerAdd | PartnerUpdate | AccountAdd | DealAdd | DealUpdate | DealInfluence
            | ProgramDiscount | ProgramFee | DealRegister | RegistrationApprove
            | RegistrationDeny | RegistrationReturn | RegistrationResubmit | RegistrationExtend
            | RegistrationWithdraw | TouchLog | ForecastSubmit | Away | ScheduleAdd
            | ScheduleRemove | SchedulePause | ScheduleResume | ScheduleRunNow => true,
            Help | SetupShow | TerritoryList | PartnerShow | PartnerList | AccountShow
            | DealShow | DealList | ProgramShow | QuoteCheck | Compliance | RegistrationList
            | RegistrationShow | RegistrationExpiring | TouchList | ForecastShow | ForecastTeam
            | ForecastExport | Kpi | ScheduleList => false,
        }
    }

    /// Its buttons answer by replacing the message they are on (a review card showing its
    /// decision) rather than with a new message.
    pub fn updates_in_place(self) -> bool {
        use CommandKind::*;
        matches!(
            self,
            RegistrationApprove | RegistrationDeny | RegistrationReturn
        )
    }

    /// The caches a successful run makes stale.
    pub fn makes_stale(self) -> Stale {
        use CommandKind::*;
        Stale {
            actor_contexts: matches!(self, SetupWorkspace | SetupRole | SetupChannel),
            partners: matches!(self, PartnerAdd | PartnerUpdate),
        }
    }
}

/// Whether the answer to a button (or to the form it opened) with this custom id replaces the
/// message the button is on: another page of a list, or a command that updates its card in
/// place. Doors ask this before running the click; they never read custom ids themselves.
pub fn answers_in_place(custom_id: &str) -> bool {
    crate::core::custom_id::decode(custom_id).is_some_and(|(path, options)| {
        options.iter().any(|(k, _)| k == "page")
            || CommandKind::from_key(&path.join(" ")).is_some_and(CommandKind::updates_in_place)
    })
}

/// Runs the command's handler with its typed arguments.
pub async fn run(command: Command, ctx: &mut Ctx<'_>) -> CommandResult {
    match command {
        Command::Help(args) => help::help(ctx, args).await,
        Command::SetupShow(args) => setup::show(ctx, args).await,
        Command::SetupWorkspace(args) => setup::workspace(ctx, args).await,
        Command::SetupRole(args) => setup::role(ctx, args).await,
        Command::SetupChannel(args) => setup::channel(ctx, args).await,
        Command::TerritoryAdd(args) => territory::add(ctx, args).await,
        Command::TerritoryAssign(args) => territory::assign(ctx, args).await,
        Command::TerritoryList(args) => territory::list(ctx, args).await,
        Command::PartnerAdd(args) => partner::add(ctx, args).await,
        Command::PartnerUpdate(args) => partner::update(ctx, args).await,
        Command::PartnerShow(args) => partner::show(ctx, args).await,
        Command::PartnerList(args) => partner::list(ctx, args).await,
        Command::AccountAdd(args) => account::add(ctx, args).await,
        Command::AccountShow(args) => account::show(ctx, args).await,
        Command::DealAdd(args) => deal::add(ctx, args).await,
        Command::DealUpdate(args) => deal::update(ctx, args).await,
        Command::DealShow(args) => deal::show(ctx, args).await,
        Command::DealList(args) => deal::list(ctx, args).await,
        Command::DealInfluence(args) => deal::influence(ctx, args).await,
        Command::ProgramShow(args) => program::show(ctx, args).await,
        Command::ProgramDiscount(args) => program::discount(ctx, args).await,
        Command::ProgramFee(args) => program::fee(ctx, args).await,
        Command::QuoteCheck(args) => quote::check(ctx, args).await,
        Command::Compliance(args) => compliance::compliance(ctx, args).await,
        Command::DealRegister(args) => registration::register(ctx, args).await,
        Command::RegistrationApprove(args) => registration::approve(ctx, args).await,
        Command::RegistrationDeny(args) => registration::deny(ctx, args).await,
        Command::RegistrationReturn(args) => registration::return_(ctx, args).await,
        Command::RegistrationResubmit(args) => registration::resubmit(ctx, args).await,
        Command::RegistrationExtend(args) => registration::extend(ctx, args).await,
        Command::RegistrationWithdraw(args) => registration::withdraw(ctx, args).await,
        Command::RegistrationList(args) => registration::list(ctx, args).await,
        Command::RegistrationShow(args) => registration::show(ctx, args).await,
        Command::RegistrationExpiring(args) => registration::expiring(ctx, args).await,
        Command::TouchLog(args) => touch::log(ctx, args).await,
        Command::TouchList(args) => touch::list(ctx, args).await,
        Command::ForecastSubmit(args) => forecast::submit(ctx, args).await,
        Command::ForecastShow(args) => forecast::show(ctx, args).await,
        Command::ForecastTeam(args) => forecast::team(ctx, args).await,
        Command::ForecastExport(args) => forecast::export(ctx, args).await,
        Command::Away(args) => away::away(ctx, args).await,
        Command::Kpi(args) => kpi::kpi(ctx, args).await,
        Command::ScheduleAdd(args) => schedule::add(ctx, args).await,
        Command::ScheduleList(args) => schedule::list(ctx, args).await,
        Command::ScheduleRemove(args) => schedule::remove(ctx, args).await,
        Command::SchedulePause(args) => schedule::pause(ctx, args).await,
        Command::ScheduleResume(args) => schedule::resume(ctx, args).await,
        Command::ScheduleRunNow(args) => schedule::run_now(ctx, args).await,
    }
}

#[cfg(test)]
mod tests {
    use super::answers_in_place;

    #[test]
    fn only_paging_and_in_place_buttons_replace_their_message() {
        assert!(answers_in_place("deal list:page=2&partner=Globex"));
        assert!(answers_in_place("registration approve:id=3"));
        assert!(!answers_in_place("deal list:partner=#3"));
        assert!(!answers_in_place("touch log:deal=4"));
    }
}
