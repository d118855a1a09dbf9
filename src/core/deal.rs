//! `/deal` commands (being written).

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};

pub async fn add(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/deal add` is not available yet"))
}

pub async fn update(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/deal update` is not available yet"))
}

pub async fn show(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/deal show` is not available yet"))
}

pub async fn list(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/deal list` is not available yet"))
}

