//! The English reading of common shapes, and the plain expression for the rest.

use super::*;

fn reading(text: &str) -> String {
    cron(text).describe()
}

#[test]
fn common_shapes_read_as_english() {
    let cases = [
        ("0 9 * * MON", "every Monday at 09:00"),
        ("0 9 * * 1", "every Monday at 09:00"),
        ("0 9 * * 7", "every Sunday at 09:00"),
        ("0 8 * * *", "every day at 08:00"),
        ("0 8 1-31 * *", "every day at 08:00"),
        ("30 8 * * MON-FRI", "weekdays at 08:30"),
        ("30 8 * * 1-5", "weekdays at 08:30"),
        ("0 10 * * SAT,SUN", "weekends at 10:00"),
        ("0 9 * * MON,THU", "every Monday and Thursday at 09:00"),
        (
            "0 9 * * 0,1,3,5",
            "every Monday, Wednesday, Friday and Sunday at 09:00",
        ),
        ("5 23 * * *", "every day at 23:05"),
        ("*/15 * * * *", "every 15 minutes"),
        ("0,30 * * * *", "every 30 minutes"),
        ("* * * * *", "every minute"),
        ("0 * * * *", "every hour"),
        ("30 * * * *", "every hour at :30"),
    ];
    for (text, expected) in cases {
        assert_eq!(reading(text), expected, "{text}");
    }
}

#[test]
fn other_shapes_read_as_the_expression() {
    for text in [
        "0 9 1 * *",
        "0 9 * 1 *",
        "*/7 * * * *",
        "0 9,17 * * *",
        "0 9 1 * MON",
        "0 9 */2 * MON",
        "*/15 9-17 * * MON-FRI",
        "0 */2 * * *",
    ] {
        assert_eq!(reading(text), format!("cron {text}"), "{text}");
    }
}
