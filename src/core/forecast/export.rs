//! `/forecast export [week] [territory]`: the week's roll-up as a CSV file, one row per PTM in
//! scope (missing and away ones included), amounts as plain decimals in the workspace currency.
//! Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) get a leading `'`.
//! The `csv` crate writes the file (RFC 4180: quoted only when needed, CRLF line ends).

use super::team::{load, Status};
use super::week_option;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::reply::{Attachment, Reply};
use crate::domain::forecast::numbers::ForecastNumbers;
use crate::domain::money::Currency;
use anyhow::Context;
use std::borrow::Cow;

const HEADER: [&str; 17] = [
    "week",
    "fiscal_quarter",
    "deadline",
    "member",
    "member_id",
    "territories",
    "status",
    "submitted_at",
    "currency",
    "commit",
    "most_likely",
    "best_case",
    "last_week_commit",
    "last_week_most_likely",
    "last_week_best_case",
    "most_likely_change",
    "notes",
];

pub async fn export(ctx: &mut Ctx<'_>, args: args::ForecastExport) -> CommandResult {
    let (_, week) = week_option(ctx, args.week.as_deref())?;
    let rollup = load(ctx, &week, args.territory.as_deref()).await?;
    let currency = ctx.workspace.currency;
    let tz = ctx.workspace.timezone;
    let local = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    let mut rows = vec![HEADER.map(str::to_string)];
    for line in &rollup.lines {
        let amounts = |n: Option<ForecastNumbers>| match n {
            Some(n) => [n.commit, n.most_likely, n.best_case].map(|m| decimal(m, currency)),
            None => [String::new(), String::new(), String::new()],
        };
        let [commit, likely, best] = amounts(line.this);
        let [last_commit, last_likely, last_best] = amounts(line.last);
        let change = match (line.this, line.last) {
            (Some(t), Some(l)) => decimal(t.most_likely - l.most_likely, currency),
            _ => String::new(),
        };
        let status = match &line.status {
            Status::Away { until } => format!("away until {until}"),
            other => other.label().to_string(),
        };
        rows.push([
            week.label(),
            week.quarter().label(),
            local(week.deadline_at()),
            line.name.clone(),
            line.user_id.to_string(),
            line.territories.clone(),
            status,
            line.submitted_at.map(local).unwrap_or_default(),
            currency.code().to_string(),
            commit,
            likely,
            best,
            last_commit,
            last_likely,
            last_best,
            change,
            line.notes.clone(),
        ]);
    }
    let bytes = write_csv(&rows).context("writing the forecast CSV")?;
    let filename = format!("forecast-{}.csv", week.label().replace(' ', "-"));
    let rows = rollup.lines.len();
    Ok(Reply::success(format!(
        "Forecast {} for {}: {rows} PTM{} in `{filename}`.",
        week.label(),
        rollup.scope,
        if rows == 1 { "" } else { "s" }
    ))
    .with_file(Attachment {
        filename,
        content_type: "text/csv; charset=utf-8".to_string(),
        bytes,
    }))
}

/// Minor units as a plain decimal: `1234567.50`, `-5.00`, `120000` for a currency without
/// decimals.
fn decimal(minor: i64, currency: Currency) -> String {
    let exponent = currency.exponent();
    if exponent == 0 {
        return minor.to_string();
    }
    let scale = 10i128.pow(exponent);
    let value = i128::from(minor);
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = exponent as usize
    )
}

/// The rows as a CSV file, every cell through [`guard`].
fn write_csv<const N: usize>(rows: &[[String; N]]) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        for cell in row {
            out.write_field(guard(cell).as_bytes())?;
        }
        out.write_record(None::<&[u8]>)?;
    }
    Ok(out.into_inner().map_err(|e| e.into_error())?)
}

/// A text cell a spreadsheet would run as a formula, with a leading `'`; numbers as they are.
fn guard(text: &str) -> Cow<'_, str> {
    let numeric = text.parse::<f64>().is_ok();
    if !numeric && text.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_plain_decimals_in_the_currency() {
        let usd = Currency::parse("USD").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(decimal(123_456_750, usd), "1234567.50");
        assert_eq!(decimal(-500, usd), "-5.00");
        assert_eq!(decimal(5, usd), "0.05");
        assert_eq!(decimal(120_000, jpy), "120000");
    }

    /// One cell as it appears in the file (a row of one cell, line end dropped).
    fn cell(text: &str) -> String {
        let bytes = write_csv(&[[text.to_string()]]).unwrap();
        let line = String::from_utf8(bytes).unwrap();
        line.strip_suffix("\r\n").unwrap().to_string()
    }

    #[test]
    fn rows_end_in_crlf_and_keep_empty_cells() {
        let rows = [
            ["a", "", "c, d"].map(str::to_string),
            ["", "", ""].map(str::to_string),
        ];
        let bytes = write_csv(&rows).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "a,,\"c, d\"\r\n,,\r\n");
    }

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\"\nbye"), "\"say \"\"hi\"\"\nbye\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-5.00"), "-5.00");
        assert_eq!(cell("@risk"), "'@risk");
    }
}
