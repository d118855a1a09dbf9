//! `/partner` commands (being written).

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};

pub async fn add(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/partner add` is not available yet"))
}

pub async fn update(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/partner update` is not available yet"))
}

pub async fn show(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/partner show` is not available yet"))
}

pub async fn list(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/partner list` is not available yet"))
}

