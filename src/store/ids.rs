//! The domain's typed ids ([`crate::domain::ids`]) as sqlx values of the `Any` driver: bound
//! and read as the `BIGINT`/`INTEGER` they are stored as, so a query binds `deal_id` and reads
//! `row.try_get::<DealId, _>("id")` without unwrapping the number.
//!
//! Written by hand because sqlx's `#[derive(sqlx::Type)]` would put sqlx into `domain`, which is
//! kept free of I/O crates; these impls only delegate to `i64`'s.

use crate::domain::ids::{
    AccountId, ChannelId, DealId, MessageId, PartnerId, RegistrationId, RoleId, ScheduleId,
    TerritoryId, TouchId, UserId, WorkspaceId,
};
use sqlx::any::{Any, AnyTypeInfo};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

/// `Type`, `Encode` and `Decode` for the `Any` driver, delegating to `i64`.
macro_rules! sqlx_ids {
    ($($name:ident),+ $(,)?) => {
        $(
            impl Type<Any> for $name {
                fn type_info() -> AnyTypeInfo {
                    <i64 as Type<Any>>::type_info()
                }

                fn compatible(ty: &AnyTypeInfo) -> bool {
                    <i64 as Type<Any>>::compatible(ty)
                }
            }

            impl<'q> Encode<'q, Any> for $name {
                fn encode_by_ref(
                    &self,
                    buf: &mut <Any as Database>::ArgumentBuffer<'q>,
                ) -> Result<IsNull, BoxDynError> {
                    <i64 as Encode<'q, Any>>::encode_by_ref(&self.get(), buf)
                }
            }

            impl<'r> Decode<'r, Any> for $name {
                fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                    <i64 as Decode<'r, Any>>::decode(value).map(Self::new)
                }
            }
        )+
    };
}

sqlx_ids!(
    WorkspaceId,
    UserId,
    PartnerId,
    AccountId,
    DealId,
    RegistrationId,
    TerritoryId,
    ChannelId,
    RoleId,
    MessageId,
    ScheduleId,
    TouchId,
);
