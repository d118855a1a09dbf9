//! `/touch` commands (being written).

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};

pub async fn log(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/touch log` is not available yet"))
}

pub async fn list(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/touch list` is not available yet"))
}

