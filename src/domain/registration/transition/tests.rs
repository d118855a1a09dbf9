//! Every (status × event) pair, allowed or refused, plus the dates and notes each event sets.

use super::*;
use crate::domain::Choice;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 27);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

fn event(kind: EventKind) -> Event {
    match kind {
        EventKind::Submit => Event::Submit,
        EventKind::Approve => Event::Approve,
        EventKind::Deny => Event::Deny {
            reason: "customer already direct".into(),
        },
        EventKind::Return => Event::Return {
            comments: "add the domain".into(),
        },
        EventKind::Resubmit => Event::Resubmit,
        EventKind::Extend => Event::Extend,
        EventKind::Expire => Event::Expire,
        EventKind::CloseWon => Event::CloseWon,
        EventKind::CloseLost => Event::CloseLost,
        EventKind::Withdraw => Event::Withdraw,
    }
}

/// The rows of the table: a stored status (`None`: not stored yet) and whether an approval has
/// lapsed (expires_on yesterday) rather than running (expires_on in 30 days).
#[derive(Debug, Clone, Copy)]
struct Start {
    stored: Option<RegistrationStatus>,
    lapsed: bool,
}

fn facts(start: Start) -> Facts {
    let mut facts = Facts::new(12, today());
    if start.stored.is_some_and(|s| !s.is_open()) {
        facts.approved_on = Some(day(2026, 9, 1));
        facts.expires_on = Some(if start.lapsed {
            day(2026, 11, 26)
        } else {
            day(2026, 12, 27)
        });
        facts.decided_by = Some("Dana".into());
        facts.decided_on = Some(day(2026, 9, 1));
    }
    facts
}

/// Expected outcome per event kind, in [`EventKind::ALL`] order: `Some(status)` allowed.
/// (stored status, approval lapsed, expected outcome per event kind).
type Row = (
    Option<RegistrationStatus>,
    bool,
    [Option<RegistrationStatus>; 10],
);

const TABLE: &[Row] = &[
    //            Submit           Approve         Deny          Return          Resubmit
    //            Extend           Expire          CloseWon      CloseLost       Withdraw
    (
        None,
        false,
        [
            Some(Submitted),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ),
    (
        Some(Submitted),
        false,
        [
            None,
            Some(Approved),
            Some(Denied),
            Some(Returned),
            None,
            None,
            None,
            None,
            None,
            Some(Denied),
        ],
    ),
    (
        Some(PendingReview),
        false,
        [
            None,
            Some(Approved),
            Some(Denied),
            Some(Returned),
            None,
            None,
            None,
            None,
            None,
            Some(Denied),
        ],
    ),
    (
        Some(Approved),
        false,
        [
            None,
            None,
            None,
            None,
            None,
            Some(Approved),
            None,
            Some(ClosedWon),
            Some(ClosedLost),
            None,
        ],
    ),
    (
        Some(Approved),
        true,
        [
            None,
            None,
            None,
            None,
            None,
            None,
            Some(Expired),
            None,
            None,
            None,
        ],
    ),
    (Some(Denied), false, [None; 10]),
    (
        Some(Returned),
        false,
        [
            None,
            None,
            None,
            None,
            Some(Submitted),
            None,
            None,
            None,
            None,
            Some(Denied),
        ],
    ),
    (Some(Expired), false, [None; 10]),
    (Some(ClosedWon), false, [None; 10]),
    (Some(ClosedLost), false, [None; 10]),
];

#[test]
fn the_table_covers_every_status_and_event() {
    for status in RegistrationStatus::ALL {
        assert!(
            TABLE.iter().any(|(s, _, _)| *s == Some(*status)),
            "{status:?} has no row"
        );
    }
    assert_eq!(EventKind::ALL.len(), TABLE[0].2.len());
}

#[test]
fn every_status_and_event_pair_is_allowed_or_refused_as_the_table_says() {
    for (stored, lapsed, expected) in TABLE {
        let start = Start {
            stored: *stored,
            lapsed: *lapsed,
        };
        for (kind, want) in EventKind::ALL.iter().zip(expected) {
            let got = apply(*stored, &event(*kind), &facts(start));
            match (want, &got) {
                (Some(status), Ok(outcome)) => {
                    assert_eq!(outcome.status, *status, "{start:?} {kind:?}")
                }
                (None, Err(TransitionError(message))) => {
                    if stored.is_some() {
                        assert!(
                            message.starts_with("registration #12 "),
                            "{start:?} {kind:?}: {message}"
                        );
                    }
                    assert!(message.contains("; "), "says why and what next: {message}");
                }
                _ => panic!("{start:?} {kind:?}: expected {want:?}, got {got:?}"),
            }
        }
    }
}

#[test]
fn approval_starts_the_validity_period_from_today() {
    let start = Start {
        stored: Some(PendingReview),
        lapsed: false,
    };
    let outcome = apply(start.stored, &Event::Approve, &facts(start)).unwrap();
    assert_eq!(outcome.approved_on, Some(today()));
    assert_eq!(outcome.expires_on, Some(day(2027, 2, 25)));
    assert!(outcome.reviewed);
    let mut short = facts(start);
    short.validity_days = 10;
    let outcome = apply(start.stored, &Event::Approve, &short).unwrap();
    assert_eq!(outcome.expires_on, Some(day(2026, 12, 7)));
}

#[test]
fn a_second_approval_says_who_approved_and_when() {
    let start = Start {
        stored: Some(Approved),
        lapsed: false,
    };
    let mut f = facts(start);
    f.decided_on = Some(day(2026, 11, 20));
    let err = apply(start.stored, &Event::Approve, &f).unwrap_err();
    assert_eq!(
        err.to_string(),
        "registration #12 is already approved (by Dana on Fri 20 Nov 2026); nothing to approve"
    );
}

#[test]
fn submission_waits_in_review_when_the_workspace_has_a_review_channel() {
    let mut f = Facts::new(0, today());
    assert_eq!(apply(None, &Event::Submit, &f).unwrap().status, Submitted);
    f.has_review_channel = true;
    assert_eq!(
        apply(None, &Event::Submit, &f).unwrap().status,
        PendingReview
    );
    let resubmitted = apply(Some(Returned), &Event::Resubmit, &f).unwrap();
    assert_eq!(resubmitted.status, PendingReview);
    assert_eq!(resubmitted.decision_note, None);
}

#[test]
fn deny_and_return_need_their_text_and_keep_it() {
    let f = Facts::new(7, today());
    let denied = apply(
        Some(Submitted),
        &Event::Deny {
            reason: "  existing direct deal ".into(),
        },
        &f,
    )
    .unwrap();
    assert_eq!(
        denied.decision_note.as_deref(),
        Some("existing direct deal")
    );
    let err = apply(
        Some(Submitted),
        &Event::Deny {
            reason: "  ".into(),
        },
        &f,
    )
    .unwrap_err();
    assert!(err.0.contains("give a reason"), "{err}");
    let err = apply(
        Some(PendingReview),
        &Event::Return {
            comments: String::new(),
        },
        &f,
    )
    .unwrap_err();
    assert!(err.0.contains("give comments"), "{err}");
}

#[test]
fn a_ptm_extends_once_and_a_director_again() {
    let start = Start {
        stored: Some(Approved),
        lapsed: false,
    };
    let mut f = facts(start);
    let once = apply(start.stored, &Event::Extend, &f).unwrap();
    assert_eq!(once.expires_on, Some(day(2027, 1, 26)));
    assert_eq!(once.extensions, 1);
    f.extensions = 1;
    f.expires_on = once.expires_on;
    let err = apply(start.stored, &Event::Extend, &f).unwrap_err();
    assert!(err.0.contains("needs a director"), "{err}");
    f.actor_is_director = true;
    let twice = apply(start.stored, &Event::Extend, &f).unwrap();
    assert_eq!(twice.expires_on, Some(day(2027, 2, 25)));
    assert_eq!(twice.extensions, 2);
}

#[test]
fn a_lapsed_approval_reads_as_expired_and_cannot_be_extended() {
    assert_eq!(
        effective_status(Approved, Some(day(2026, 11, 26)), today()),
        Expired
    );
    assert_eq!(effective_status(Approved, Some(today()), today()), Approved);
    assert_eq!(effective_status(Approved, None, today()), Approved);
    assert_eq!(
        effective_status(Returned, Some(day(2020, 1, 1)), today()),
        Returned
    );
    let start = Start {
        stored: Some(Approved),
        lapsed: true,
    };
    let err = apply(start.stored, &Event::Extend, &facts(start)).unwrap_err();
    assert!(err.0.contains("expired on Thu 26 Nov 2026"), "{err}");
}

#[test]
fn withdrawing_denies_with_a_note_and_is_named_as_such_later() {
    let f = Facts::new(3, today());
    let withdrawn = apply(Some(Returned), &Event::Withdraw, &f).unwrap();
    assert_eq!(withdrawn.status, Denied);
    assert_eq!(withdrawn.decision_note.as_deref(), Some(WITHDRAWN_NOTE));
    assert!(!withdrawn.reviewed);
    let mut later = f.clone();
    later.decision_note = withdrawn.decision_note;
    let err = apply(Some(Denied), &Event::Approve, &later).unwrap_err();
    assert!(err.0.contains("was withdrawn"), "{err}");
}

#[test]
fn closing_and_expiring_keep_the_dates() {
    let start = Start {
        stored: Some(Approved),
        lapsed: false,
    };
    let f = facts(start);
    let won = apply(start.stored, &Event::CloseWon, &f).unwrap();
    assert_eq!(
        (won.approved_on, won.expires_on),
        (f.approved_on, f.expires_on)
    );
    let lapsed = Start {
        stored: Some(Approved),
        lapsed: true,
    };
    let expired = apply(lapsed.stored, &Event::Expire, &facts(lapsed)).unwrap();
    assert_eq!(expired.expires_on, Some(day(2026, 11, 26)));
}

#[test]
fn review_is_due_one_business_day_after_submission() {
    // 2026-11-27 is a Friday.
    assert_eq!(review_due(today()), day(2026, 11, 30));
    assert_eq!(review_due(day(2026, 11, 28)), day(2026, 11, 30));
    assert_eq!(review_due(day(2026, 11, 24)), day(2026, 11, 25));
}

#[test]
fn an_unusable_period_is_refused_not_panicked_on() {
    let mut f = Facts::new(1, today());
    f.validity_days = -5;
    assert!(apply(Some(Submitted), &Event::Approve, &f).is_err());
}

#[test]
fn every_event_kind_is_round_tripped() {
    for kind in EventKind::ALL {
        assert_eq!(event(*kind).kind(), *kind);
        assert!(!kind.verb().is_empty());
    }
}
