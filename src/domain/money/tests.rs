//! Tests of amount parsing and formatting.

use super::*;

const USD: Currency = Currency::USD;

fn usd(input: &str) -> Result<i64, String> {
    parse_amount(input, USD).map_err(|e| e.to_string())
}

#[test]
fn currencies_are_three_letters_in_any_case() {
    assert_eq!(Currency::parse("usd"), Ok(Currency::USD));
    assert_eq!(Currency::parse(" Eur "), Ok(Currency::EUR));
    assert_eq!(Currency::parse("CHF").unwrap().code(), "CHF");
    for bad in ["US", "USDX", "U$D", "", "€"] {
        let err = Currency::parse(bad).unwrap_err();
        assert!(err.to_string().contains("is not an ISO 4217 code"), "{bad}");
    }
}

#[test]
fn currencies_know_their_minor_unit_and_symbol() {
    for (code, exponent, symbol) in [
        ("USD", 2, "$"),
        ("EUR", 2, "€"),
        ("GBP", 2, "£"),
        ("JPY", 0, "¥"),
        ("KRW", 0, "KRW"),
        ("CLP", 0, "CLP"),
        ("ISK", 0, "ISK"),
        ("VND", 0, "VND"),
        ("BHD", 3, "BHD"),
        ("KWD", 3, "KWD"),
        ("OMR", 3, "OMR"),
        ("JOD", 3, "JOD"),
        ("TND", 3, "TND"),
        ("CHF", 2, "CHF"),
    ] {
        let currency = Currency::parse(code).unwrap();
        assert_eq!(currency.exponent(), exponent, "{code}");
        assert_eq!(currency.symbol(), symbol, "{code}");
    }
}

#[test]
fn a_currency_serialises_as_its_code() {
    assert_eq!(serde_json::to_string(&Currency::EUR).unwrap(), "\"EUR\"");
    let back: Currency = serde_json::from_str("\"jpy\"").unwrap();
    assert_eq!(back, Currency::JPY);
    assert!(serde_json::from_str::<Currency>("\"dollars\"").is_err());
}

#[test]
fn plain_and_abbreviated_amounts_are_accepted() {
    for (input, minor) in [
        ("120000", 12_000_000),
        ("120k", 12_000_000),
        ("120K", 12_000_000),
        ("120 k", 12_000_000),
        ("1.2M", 120_000_000),
        ("1.5m", 150_000_000),
        ("2mm", 200_000_000),
        ("1.2bn", 120_000_000_000),
        ("1b", 100_000_000_000),
        ("3 million", 300_000_000),
        ("10 mil", 1_000_000_000),
        ("2mln", 200_000_000),
        ("1.234k", 123_400),
        ("1.23456M", 123_456_000),
        (".5k", 50_000),
        ("0.5k", 50_000),
        ("95000.50", 9_500_050),
        ("  42  ", 4_200),
        ("+42", 4_200),
        ("0.01", 1),
    ] {
        assert_eq!(usd(input), Ok(minor), "{input}");
    }
}

#[test]
fn thousands_separators_are_accepted_in_groups_of_three() {
    for (input, minor) in [
        ("1,000", 100_000),
        ("95,000.50", 9_500_050),
        ("1,234,567", 123_456_700),
        ("12,345.6", 1_234_560),
        ("1,500k", 150_000_000),
    ] {
        assert_eq!(usd(input), Ok(minor), "{input}");
    }
}

#[test]
fn an_amount_with_a_misplaced_comma_is_rejected() {
    assert_eq!(
        usd("12,3.4"),
        Err("amount `12,3.4` is not a number; try `120000` or `120k`".to_string())
    );
    for bad in [
        "1,00", "1,0000", "1,000,00", ",100", "100,", "0,500", "1,,000",
    ] {
        assert!(usd(bad).unwrap_err().contains("is not a number"), "{bad}");
    }
}

#[test]
fn things_that_are_not_numbers_are_rejected() {
    for bad in [
        "abc", "95 000", "1.2.3", "5.", "1e6", "12kk", "k", "$", "1_000", "--5", "five", "1.5x",
        "(500)",
    ] {
        let err = usd(bad).unwrap_err();
        assert!(err.contains("is not a number"), "{bad}: {err}");
    }
}

#[test]
fn an_empty_amount_says_what_to_type() {
    assert_eq!(
        usd("  "),
        Err("amount is empty; try `120000` or `120k`".to_string())
    );
}

#[test]
fn symbols_and_codes_of_the_workspace_currency_are_accepted() {
    for (input, minor) in [
        ("$95,000.50", 9_500_050),
        ("$ 120k", 12_000_000),
        ("US$5", 500),
        ("USD 1,000", 100_000),
        ("usd1000", 100_000),
        ("1000 USD", 100_000),
        ("5k usd", 500_000),
        ("$5 USD", 500),
        ("1.5k$", 150_000),
    ] {
        assert_eq!(usd(input), Ok(minor), "{input}");
    }
    assert_eq!(parse_amount("€1.5k", Currency::EUR), Ok(150_000));
    assert_eq!(parse_amount("1.500,00 €", Currency::EUR).ok(), None);
    assert_eq!(parse_amount("£2M", Currency::GBP), Ok(200_000_000));
    assert_eq!(parse_amount("¥120,000", Currency::JPY), Ok(120_000));
    let aud = Currency::parse("AUD").unwrap();
    assert_eq!(parse_amount("A$10k", aud), Ok(1_000_000));
    assert_eq!(parse_amount("$10k", aud), Ok(1_000_000));
}

#[test]
fn an_amount_in_another_currency_is_rejected() {
    assert_eq!(
        usd("€5"),
        Err(
            "amount `€5` is in EUR, but this workspace counts money in USD; \
             enter the amount in USD"
                .to_string()
        )
    );
    assert!(usd("EUR 5").unwrap_err().contains("is in EUR"));
    assert!(usd("5 gbp").unwrap_err().contains("is in GBP"));
    assert!(usd("A$5").unwrap_err().contains("is in AUD"));
    assert!(parse_amount("$5", Currency::EUR)
        .unwrap_err()
        .to_string()
        .contains("is in dollars"));
}

#[test]
fn a_negative_amount_is_rejected() {
    assert_eq!(
        usd("-5"),
        Err("amount `-5` must be positive; enter it without a minus sign".to_string())
    );
    for bad in ["-$5", "$-5", "− 120k", "-USD 5"] {
        assert!(usd(bad).unwrap_err().contains("must be positive"), "{bad}");
    }
}

#[test]
fn a_zero_amount_is_rejected_for_deals_but_allowed_for_forecasts() {
    assert_eq!(
        usd("0"),
        Err("amount `0` is zero; enter an amount above zero".to_string())
    );
    assert!(usd("$0.00").unwrap_err().contains("is zero"));
    assert!(usd("-0").unwrap_err().contains("is zero"));
    assert_eq!(parse_amount_or_zero("0", USD), Ok(0));
    assert_eq!(parse_amount_or_zero("$0k", USD), Ok(0));
    assert!(parse_amount_or_zero("-5", USD).is_err());
}

#[test]
fn an_amount_with_too_many_decimals_is_rejected() {
    assert_eq!(
        usd("0.001"),
        Err("amount `0.001` has more than 2 decimals; USD amounts go down to 0.01".to_string())
    );
    assert_eq!(
        parse_amount("1.5", Currency::JPY).unwrap_err().to_string(),
        "amount `1.5` has decimals, but JPY amounts are whole numbers"
    );
    assert_eq!(usd("1.23456k"), Ok(123_456));
    assert!(usd("1.234567k")
        .unwrap_err()
        .contains("more than 2 decimals"));
    let kwd = Currency::parse("KWD").unwrap();
    assert_eq!(parse_amount("1.234", kwd), Ok(1_234));
    assert!(parse_amount("1.2345", kwd).is_err());
}

#[test]
fn three_decimals_hint_at_thousands() {
    assert_eq!(
        usd("12.500"),
        Err(
            "amount `12.500` has more than 2 decimals; USD amounts go down to 0.01; \
             for thousands write `12,500`"
                .to_string()
        )
    );
}

#[test]
fn an_absurd_amount_is_rejected() {
    assert_eq!(usd("10bn"), Ok(1_000_000_000_000));
    assert_eq!(
        usd("10,000,000,000.01"),
        Err("amount `10,000,000,000.01` is larger than 10 billion; check the number".to_string())
    );
    for bad in [
        "11b",
        "99999999999999999999999999999999999999999",
        "1000000000000k",
    ] {
        assert!(
            usd(bad).unwrap_err().contains("larger than 10 billion"),
            "{bad}"
        );
    }
    assert_eq!(parse_amount("10b", Currency::JPY), Ok(10_000_000_000));
}

#[test]
fn amounts_are_formatted_in_full() {
    let chf = Currency::parse("CHF").unwrap();
    let kwd = Currency::parse("KWD").unwrap();
    for (minor, currency, text) in [
        (12_000_000, USD, "$120,000"),
        (9_500_050, USD, "$95,000.50"),
        (5, USD, "$0.05"),
        (0, USD, "$0"),
        (-150_000, USD, "-$1,500"),
        (120_000, Currency::EUR, "€1,200"),
        (120_000, Currency::JPY, "¥120,000"),
        (99, Currency::GBP, "£0.99"),
        (120_000, chf, "CHF 1,200"),
        (1_234_567, kwd, "KWD 1,234.567"),
        (i64::MIN, USD, "-$92,233,720,368,547,758.08"),
    ] {
        assert_eq!(format_money(minor, currency), text, "{minor} {currency}");
    }
}

#[test]
fn amounts_are_formatted_short() {
    for (major, text) in [
        (0, "$0"),
        (950, "$950"),
        (999, "$999"),
        (1_000, "$1k"),
        (1_250, "$1.3k"),
        (12_340, "$12.3k"),
        (99_960, "$100k"),
        (120_000, "$120k"),
        (123_456, "$123k"),
        (960_000, "$960k"),
        (999_600, "$1M"),
        (1_200_000, "$1.2M"),
        (12_500_000, "$12.5M"),
        (250_000_000, "$250M"),
        (2_000_000_000, "$2B"),
        (-1_200_000, "-$1.2M"),
    ] {
        assert_eq!(format_money_short(major * 100, USD), text, "{major}");
    }
    assert_eq!(format_money_short(99_950, USD), "$1k");
    assert_eq!(format_money_short(1_200_000, Currency::JPY), "¥1.2M");
    let chf = Currency::parse("CHF").unwrap();
    assert_eq!(format_money_short(12_000_000, chf), "CHF 120k");
}

#[test]
fn money_parses_and_displays() {
    let money = Money::parse("$1.2M", USD).unwrap();
    assert_eq!(money, Money::new(120_000_000, USD));
    assert_eq!(money.to_string(), "$1,200,000");
    assert_eq!(money.short(), "$1.2M");
}

#[test]
fn parsed_amounts_format_back_to_the_same_value() {
    for input in ["$120,000", "$95,000.50", "$0.05", "$1,234,567.89"] {
        let minor = parse_amount(input, USD).unwrap();
        assert_eq!(format_money(minor, USD), input);
    }
}
