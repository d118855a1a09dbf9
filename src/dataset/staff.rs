//! The people of a generated workspace: admins, directors, PTMs and field reps with Discord-like
//! user ids, and who covers which territory (directors own a block of territories; every
//! territory gets at least one PTM and one field rep).

use super::days::stamp;
use super::pools::Pools;
use super::rng::Rng;
use super::rows::{CoverageRow, MemberRow};
use crate::domain::ids::WorkspaceId;
use crate::domain::names::name_key;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

/// How many people of each role.
#[derive(Debug, Clone, Copy)]
pub struct Headcount {
    pub admins: usize,
    pub directors: usize,
    pub ptms: usize,
    pub field: usize,
}

impl Headcount {
    /// A realistic split of `members` people: 1-2 admins, a director per twenty, 30% PTMs.
    pub fn split(members: usize) -> Headcount {
        let members = members.max(4);
        let admins = if members >= 50 { 2 } else { 1 };
        let directors = (members / 20).max(1);
        let ptms = (members * 3 / 10).max(1);
        Headcount {
            admins,
            directors,
            ptms,
            field: (members - admins - directors - ptms).max(1),
        }
    }
}

/// Who does what, by user id.
#[derive(Debug, Default)]
pub struct Team {
    pub admins: Vec<i64>,
    pub directors: Vec<i64>,
    pub ptms: Vec<i64>,
    pub field: Vec<i64>,
    pub ptms_by_territory: HashMap<i64, Vec<i64>>,
    pub field_by_territory: HashMap<i64, Vec<i64>>,
    pub director_by_territory: HashMap<i64, i64>,
    /// Each PTM with the first territory they cover (for forecasts).
    pub ptm_home: Vec<(i64, Option<i64>)>,
}

impl Team {
    pub fn ptm(&self, rng: &mut Rng, territory: Option<i64>) -> i64 {
        match territory.and_then(|t| self.ptms_by_territory.get(&t)) {
            Some(list) if !list.is_empty() => *rng.pick(list),
            _ => *rng.pick(&self.ptms),
        }
    }

    pub fn director(&self, rng: &mut Rng, territory: Option<i64>) -> i64 {
        match territory.and_then(|t| self.director_by_territory.get(&t)) {
            Some(id) => *id,
            None => *rng.pick(&self.directors),
        }
    }

    /// The account executive for an account in `territory`.
    pub fn field_rep(&self, rng: &mut Rng, territory: Option<i64>) -> i64 {
        match territory.and_then(|t| self.field_by_territory.get(&t)) {
            Some(list) if !list.is_empty() => *rng.pick(list),
            _ => *rng.pick(&self.field),
        }
    }
}

/// The member rows, the coverage rows and the team they form.
pub struct Staff {
    pub members: Vec<MemberRow>,
    pub coverage: Vec<CoverageRow>,
    pub team: Team,
}

/// Discord snowflakes of 2020-2024 accounts are 18-19 digits; generated ids live in that range.
const SNOWFLAKE_BASE: i64 = 700_000_000_000_000_000;

pub fn staff(
    rng: &mut Rng,
    pools: &Pools,
    workspace_id: WorkspaceId,
    territories: &[i64],
    headcount: Headcount,
    first_seen: NaiveDate,
    now: DateTime<Utc>,
) -> Staff {
    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    let mut members = Vec::new();
    let mut team = Team::default();
    let groups = [
        (headcount.admins, "admin"),
        (headcount.directors, "director"),
        (headcount.ptms, "ptm"),
        (headcount.field, "field_sales"),
    ];
    for (count, role) in groups {
        for _ in 0..count {
            let user_id = loop {
                let id = SNOWFLAKE_BASE + rng.below(500_000_000_000_000_000) as i64;
                if ids.insert(id) {
                    break id;
                }
            };
            let display_name = pools.person(rng, &mut names);
            let seen = first_seen + Duration::days(rng.range(0, 60));
            members.push(MemberRow {
                workspace_id,
                user_id,
                name_key: name_key(&display_name),
                display_name,
                roles: role,
                seen_at: stamp(seen, rng.index(12), now),
            });
            match role {
                "admin" => team.admins.push(user_id),
                "director" => team.directors.push(user_id),
                "ptm" => team.ptms.push(user_id),
                _ => team.field.push(user_id),
            }
        }
    }
    let assigned_at = stamp(first_seen + Duration::days(60), 0, now);
    let mut coverage = Vec::new();
    let mut cover = |territory: i64, user_id: i64, role: &'static str| {
        coverage.push(CoverageRow {
            workspace_id,
            territory_id: territory,
            user_id,
            role,
            assigned_at: assigned_at.clone(),
        });
    };
    let t = territories.len();
    for (i, territory) in territories.iter().enumerate() {
        let director = team.directors[i * team.directors.len() / t.max(1)];
        team.director_by_territory.insert(*territory, director);
        cover(*territory, director, "director");
    }
    for (people, by_territory, role) in [
        (&team.ptms, &mut team.ptms_by_territory, "ptm"),
        (&team.field, &mut team.field_by_territory, "field_sales"),
    ] {
        if t == 0 || people.is_empty() {
            continue;
        }
        for i in 0..t.max(people.len()) {
            let (territory, user_id) = (territories[i % t], people[i % people.len()]);
            by_territory.entry(territory).or_default().push(user_id);
            cover(territory, user_id, role);
        }
    }
    team.ptm_home = team
        .ptms
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, territories.get(i % t.max(1)).copied()))
        .collect();
    Staff {
        members,
        coverage,
        team,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_territory_has_a_director_a_ptm_and_a_field_rep() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let headcount = Headcount {
            admins: 1,
            directors: 2,
            ptms: 6,
            field: 8,
        };
        let staff = staff(
            &mut Rng::new(1),
            &Pools::new(),
            WorkspaceId::new(1),
            &[10, 11, 12, 13],
            headcount,
            day,
            now,
        );
        assert_eq!(staff.members.len(), 17);
        for t in [10, 11, 12, 13] {
            assert!(!staff.team.ptms_by_territory[&t].is_empty());
            assert_eq!(staff.team.field_by_territory[&t].len(), 2);
        }
        assert_eq!(staff.team.ptms_by_territory[&10].len(), 2);
        assert_eq!(
            staff.team.director_by_territory[&10],
            staff.team.director_by_territory[&11]
        );
        assert_ne!(
            staff.team.director_by_territory[&10],
            staff.team.director_by_territory[&12]
        );
    }

    #[test]
    fn headcount_splits_two_hundred_people_like_a_real_team() {
        let h = Headcount::split(200);
        assert_eq!((h.admins, h.directors, h.ptms, h.field), (2, 10, 60, 128));
    }
}
