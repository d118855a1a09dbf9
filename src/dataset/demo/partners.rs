//! The demo's twenty partners, as a table: every partner type and track, the three hyperscalers
//! (whose marketplaces the deals use), and a few partners with lapsed or no agreement.

use crate::dataset::bulk::next_id;
use crate::dataset::days::stamp;
use crate::dataset::deals::PartnerPools;
use crate::dataset::rows::PartnerRow;
use crate::domain::ids::WorkspaceId;
use crate::domain::names::name_key;
use crate::domain::partner::{PartnerType, Track};
use crate::domain::Choice;
use crate::store::{codec, Conn};
use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// name | type | track | professional services | territory (index, or `-` for global) | web
/// domain | certifications sales/SA/PSE | agreement (`signed DAYS_AGO YEARS`, `lapsed DAYS_AGO`
/// or `none`) | business plan on file
const PARTNERS: &str = "
Globex Services            | gsi         | select_services | yes | - | globex.com           | 24/11/8 | signed 400 3 | yes
Initech Cloud Partners     | msp         | select          | no  | 0 | initech.com          | 9/4/2   | signed 200 2 | yes
Umbrella Technologies      | reseller    | select          | no  | 0 | umbrella-tech.com    | 12/3/0  | signed 500 2 | yes
Hooli Solutions            | reseller    | open            | no  | 1 | hooli.com            | 4/1/0   | signed 90 1  | no
Vandelay Distribution      | distributor | open            | no  | - | vandelay.com         | 6/0/0   | signed 700 3 | no
Stark Integration          | rsi         | select          | yes | 1 | starkintegration.com | 7/5/3   | signed 300 2 | yes
Wayne Consulting           | gsi         | select          | yes | 2 | wayneconsulting.com  | 15/8/6  | signed 150 3 | yes
Pied Piper Labs            | boutique_si | open            | yes | 1 | piedpiper.com        | 2/3/2   | lapsed 20    | no
Cyberdyne Managed Services | msp         | open            | no  | 3 | cyberdyne.com        | 3/2/0   | signed 250 1 | no
AWS                        | cloud       | select          | no  | - | aws.amazon.com       | 0/0/0   | signed 800 5 | yes
Google Cloud               | cloud       | select          | no  | - | cloud.google.com     | 0/0/0   | signed 600 5 | yes
Microsoft Azure            | cloud       | open            | no  | - | azure.microsoft.com  | 0/0/0   | signed 100 5 | no
Tyrell Software            | technology  | open            | no  | - | tyrell.com           | 1/1/0   | none         | no
Massive Dynamic Analytics  | technology  | select          | no  | - | massivedynamic.com   | 2/2/0   | signed 365 2 | yes
Nakatomi Integrators       | rsi         | select_services | yes | 3 | nakatomi.co.jp       | 8/6/5   | signed 420 3 | yes
Oscorp Networks            | reseller    | open            | no  | 2 | oscorp.com           | 3/0/0   | lapsed 75    | no
Aperture Engineering       | boutique_si | select_services | yes | 2 | aperture.de          | 3/4/4   | signed 220 2 | yes
Soylent IT                 | reseller    | open            | no  | 3 | soylent.com.au       | 2/0/0   | lapsed 5     | no
Wonka Digital              | gsi         | open            | yes | 0 | wonkadigital.com     | 5/2/1   | none         | no
Gringotts Trade            | distributor | select          | no  | 2 | gringotts.co.uk      | 4/0/0   | signed 500 3 | yes
";

/// One line of [`PARTNERS`].
struct Spec<'a> {
    name: &'a str,
    kind: PartnerType,
    track: Track,
    services: bool,
    territory: Option<usize>,
    domain: &'a str,
    certs: [i64; 3],
    /// (signed, expires) relative to today.
    agreement: Option<(i64, i64)>,
    plan: bool,
}

fn parse(line: &str) -> anyhow::Result<Spec<'_>> {
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    let [name, kind, track, services, territory, domain, certs, agreement, plan] = cells[..] else {
        anyhow::bail!("demo partner line `{line}` does not have nine cells");
    };
    let certs: Vec<i64> = certs.split('/').map(str::parse).collect::<Result<_, _>>()?;
    let words: Vec<i64> = agreement
        .split_whitespace()
        .skip(1)
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let agreement = match (agreement.split_whitespace().next(), words.as_slice()) {
        (Some("signed"), [ago, years]) => Some((-ago, 365 * years - ago)),
        (Some("lapsed"), [ago]) => Some((-ago - 730, -ago)),
        (Some("none"), []) => None,
        _ => anyhow::bail!("demo partner agreement `{agreement}` is not understood"),
    };
    Ok(Spec {
        name,
        kind: PartnerType::from_id(kind).context("partner type")?,
        track: Track::from_id(track).context("track")?,
        services: services == "yes",
        territory: territory.parse().ok(),
        domain,
        certs: certs
            .try_into()
            .map_err(|_| anyhow::anyhow!("three certification counts"))?,
        agreement,
        plan: plan == "yes",
    })
}

/// The partner rows (ids above the table's maximum) and the roles they can play on deals.
pub(super) async fn rows(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    territories: &[i64],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<(Vec<PartnerRow>, PartnerPools)> {
    let first_id = next_id(conn, "partners").await?;
    let mut pools = PartnerPools::default();
    let mut rows = Vec::new();
    for (i, line) in PARTNERS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let spec = parse(line)?;
        let id = first_id + i as i64;
        pools.add(id, spec.kind, spec.name);
        let day = |offset: i64| today + Duration::days(offset);
        let signed = spec.agreement.map(|(signed, _)| day(signed));
        rows.push(PartnerRow {
            id,
            workspace_id,
            name: spec.name.to_string(),
            name_key: name_key(spec.name),
            partner_type: spec.kind.as_str(),
            track: spec.track.as_str(),
            professional_services: i64::from(spec.services),
            territory_id: spec.territory.and_then(|t| territories.get(t).copied()),
            domain: Some(spec.domain.to_string()),
            certs: spec.certs,
            agreement_signed_on: signed.map(codec::date),
            agreement_expires_on: spec.agreement.map(|(_, expires)| codec::date(day(expires))),
            business_plan_on_file: i64::from(spec.plan),
            created_at: stamp(signed.unwrap_or(day(-200)), i, now),
        });
    }
    Ok((rows, pools))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_partner_table_covers_every_type_and_track() {
        let specs: Vec<Spec> = PARTNERS
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| parse(l).unwrap())
            .collect();
        assert_eq!(specs.len(), 20);
        let kinds: HashSet<&str> = specs.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds.len(), PartnerType::ALL.len());
        let tracks: HashSet<&str> = specs.iter().map(|s| s.track.as_str()).collect();
        assert_eq!(tracks.len(), Track::ALL.len());
        let lapsed = specs
            .iter()
            .filter(|s| s.agreement.is_some_and(|(_, e)| e < 0));
        assert_eq!(lapsed.count(), 3);
    }
}
