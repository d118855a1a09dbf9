//! Every refusal, word for word: the expression echoed in backticks, the field named, and
//! what to type instead.

use super::*;

const HINT: &str = "Use five fields: minute hour day-of-month month weekday, like `0 9 * * MON`";

fn refusal(text: &str) -> String {
    match text.parse::<CronExpr>() {
        Ok(c) => panic!("`{text}` should be refused, got {c:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_value_out_of_range_names_the_field_and_the_range() {
    let cases = [
        (
            "0 25 * * *",
            "cron `0 25 * * *`: hour `25` is out of range 0-23. ",
        ),
        (
            "60 9 * * *",
            "cron `60 9 * * *`: minute `60` is out of range 0-59. ",
        ),
        (
            "0 9 0 * *",
            "cron `0 9 0 * *`: day-of-month `0` is out of range 1-31. ",
        ),
        (
            "0 9 32 * *",
            "cron `0 9 32 * *`: day-of-month `32` is out of range 1-31. ",
        ),
        (
            "0 9 * 13 *",
            "cron `0 9 * 13 *`: month `13` is out of range 1-12. ",
        ),
        (
            "0 9 * * 8",
            "cron `0 9 * * 8`: weekday `8` is out of range 0-7. ",
        ),
        (
            "0 9-99 * * *",
            "cron `0 9-99 * * *`: hour `99` is out of range 0-23. ",
        ),
        (
            "0 99999999999 * * *",
            "cron `0 99999999999 * * *`: hour `99999999999` is out of range 0-23. ",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(refusal(text), format!("{message}{HINT}"), "{text}");
    }
}

#[test]
fn the_message_in_the_brief_word_for_word() {
    assert_eq!(
        refusal("0 25 * * *"),
        "cron `0 25 * * *`: hour `25` is out of range 0-23. Use five fields: minute hour \
         day-of-month month weekday, like `0 9 * * MON`"
    );
}

#[test]
fn an_empty_expression() {
    for text in ["", "   ", "\t"] {
        assert_eq!(refusal(text), format!("cron expression is empty. {HINT}"));
    }
}

#[test]
fn a_wrong_number_of_fields() {
    assert_eq!(
        refusal("0 9 * *"),
        format!("cron `0 9 * *` has 4 fields, not 5. {HINT}")
    );
    assert_eq!(
        refusal("daily"),
        format!("cron `daily` has 1 field, not 5. {HINT}")
    );
    assert_eq!(
        refusal("0 0 9 * * MON"),
        format!(
            "cron `0 0 9 * * MON` has 6 fields, not 5 (seconds and years are not supported). \
             {HINT}"
        )
    );
    assert_eq!(
        refusal("0 0 9 * * MON 2026"),
        format!(
            "cron `0 0 9 * * MON 2026` has 7 fields, not 5 (seconds and years are not \
             supported). {HINT}"
        )
    );
    assert_eq!(
        refusal("0 9 * * MON at noon 1 2"),
        format!("cron `0 9 * * MON at noon 1 2` has 9 fields, not 5. {HINT}")
    );
}

#[test]
fn a_shortcut() {
    assert_eq!(
        refusal(" @daily "),
        format!("cron `@daily`: shortcuts like `@daily` are not supported. {HINT}")
    );
}

#[test]
fn a_bad_step() {
    assert_eq!(
        refusal("*/0 * * * *"),
        format!(
            "cron `*/0 * * * *`: minute step `0` in `*/0` is not a number from 1 to 59. {HINT}"
        )
    );
    assert_eq!(
        refusal("0 */x * * *"),
        format!("cron `0 */x * * *`: hour step `x` in `*/x` is not a number from 1 to 23. {HINT}")
    );
    assert_eq!(
        refusal("0 0 */31 * *"),
        format!(
            "cron `0 0 */31 * *`: day-of-month step `31` in `*/31` is not a number from 1 to \
             30. {HINT}"
        )
    );
    assert_eq!(
        refusal("*/ * * * *"),
        format!("cron `*/ * * * *`: minute step `` in `*/` is not a number from 1 to 59. {HINT}")
    );
    assert_eq!(
        refusal("*/5/2 * * * *"),
        format!(
            "cron `*/5/2 * * * *`: minute step `5/2` in `*/5/2` is not a number from 1 to 59. \
             {HINT}"
        )
    );
}

#[test]
fn a_step_after_a_single_number() {
    assert_eq!(
        refusal("5/15 * * * *"),
        format!(
            "cron `5/15 * * * *`: minute `5/15` steps from a single number; write a range like \
             `5-59/15` or `*/15`. {HINT}"
        )
    );
    assert_eq!(
        refusal("0 9 * * MON/2"),
        format!(
            "cron `0 9 * * MON/2`: weekday `MON/2` steps from a single number; write a range \
             like `MON-SAT/2` or `*/2`. {HINT}"
        )
    );
}

#[test]
fn a_reversed_range() {
    assert_eq!(
        refusal("0 17-9 * * *"),
        format!(
            "cron `0 17-9 * * *`: hour range `17-9` is reversed; write the smaller first, like \
             `9-17`. {HINT}"
        )
    );
    assert_eq!(
        refusal("0 9 * * FRI-MON"),
        format!(
            "cron `0 9 * * FRI-MON`: weekday range `FRI-MON` is reversed; write the smaller \
             first, like `MON-FRI`. {HINT}"
        )
    );
    assert_eq!(
        refusal("30-0/10 * * * *"),
        format!(
            "cron `30-0/10 * * * *`: minute range `30-0/10` is reversed; write the smaller \
             first, like `0-30/10`. {HINT}"
        )
    );
}

#[test]
fn an_unknown_name() {
    assert_eq!(
        refusal("0 9 * * MOM"),
        format!(
            "cron `0 9 * * MOM`: weekday `MOM` is not a weekday; use 0-7 (0 and 7 are Sunday) \
             or SUN-SAT. {HINT}"
        )
    );
    assert_eq!(
        refusal("0 9 * * MONDAY"),
        format!(
            "cron `0 9 * * MONDAY`: weekday `MONDAY` is not a weekday; use 0-7 (0 and 7 are \
             Sunday) or SUN-SAT. {HINT}"
        )
    );
    assert_eq!(
        refusal("0 9 1 FOO *"),
        format!("cron `0 9 1 FOO *`: month `FOO` is not a month; use 1-12 or JAN-DEC. {HINT}")
    );
    assert_eq!(
        refusal("0 9 ? * MON"),
        format!("cron `0 9 ? * MON`: day-of-month `?` is not a number. {HINT}")
    );
}

#[test]
fn a_word_or_sign_where_a_number_belongs() {
    assert_eq!(
        refusal("x 9 * * *"),
        format!("cron `x 9 * * *`: minute `x` is not a number. {HINT}")
    );
    assert_eq!(
        refusal("0 9am * * *"),
        format!("cron `0 9am * * *`: hour `9am` is not a number. {HINT}")
    );
    assert_eq!(
        refusal("0 -5 * * *"),
        format!("cron `0 -5 * * *`: hour `-5` is not a number. {HINT}")
    );
    assert_eq!(
        refusal("0 +5 * * *"),
        format!("cron `0 +5 * * *`: hour `+5` is not a number. {HINT}")
    );
    // Names belong to the month and weekday only.
    assert_eq!(
        refusal("0 9 MON * *"),
        format!("cron `0 9 MON * *`: day-of-month `MON` is not a number. {HINT}")
    );
}

#[test]
fn an_empty_list_item() {
    assert_eq!(
        refusal("0 9 1, * *"),
        format!(
            "cron `0 9 1, * *`: day-of-month `1,` has an empty item; separate values with \
             single commas, like `1,15`. {HINT}"
        )
    );
    assert_eq!(
        refusal("1,,2 9 * * *"),
        format!(
            "cron `1,,2 9 * * *`: minute `1,,2` has an empty item; separate values with single \
             commas, like `1,15`. {HINT}"
        )
    );
}

#[test]
fn an_expression_that_never_runs() {
    let tail = "never runs: none of its days of the month occur in its months. Check the \
                day-of-month and month fields";
    for text in [
        "0 0 31 2 *",
        "0 0 30,31 FEB *",
        "0 0 31 4,6,9,11 *",
        "0 0 30-31 2 */2",
    ] {
        assert_eq!(refusal(text), format!("cron `{text}` {tail}"), "{text}");
    }
}

#[test]
fn a_backtick_in_the_input_cannot_break_the_message() {
    assert_eq!(
        refusal("0 9 * * `MON`"),
        format!(
            "cron `0 9 * * 'MON'`: weekday `'MON'` is not a weekday; use 0-7 (0 and 7 are \
             Sunday) or SUN-SAT. {HINT}"
        )
    );
}
