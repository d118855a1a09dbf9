//! Word pools and name makers for realistic generated data: people, customer companies with web
//! domains, partners named after their type, deal names and the notes people write.
//!
//! The pools are kept as text (one word or phrase per separator) and split once into [`Pools`].
//! Every maker takes the [`Rng`] and the set of name keys already used, so names stay unique per
//! workspace (`name_key` is unique in the schema) and the same seed gives the same names.

use super::rng::Rng;
use crate::domain::names::name_key;
use crate::domain::partner::PartnerType;
use std::collections::HashSet;

const FIRST_NAMES: &str =
    "Dana Priya Marcus Elena Tomás Aisha Kenji Sofia Liam Noor Grace Mateo Hannah Ravi Chloe \
    Daniel Amara Lucas Mei Oliver Fatima Jonas Isabel Ethan Yuki Zara Samuel Leila Henrik \
    Camila Arjun Nora Felix Ingrid Omar Julia Diego Hana Victor Clara Kwame Sienna Pavel \
    Anika Rafael Maya Tobias Lucia Idris Freya";

const LAST_NAMES: &str =
    "Reyes Shah Okafor Novak García Khan Tanaka Rossi Murphy Haddad Kim Fernández Becker \
    Iyer Dubois Cohen Mensah Silva Chen Walsh Ali Lindqvist Moreau Park Sato Ahmed Brooks \
    Nasser Johansson Torres Patel Berg Schmidt Nilsen Farouk Costa Herrera Ito Petrov \
    Laurent Owusu Gallagher Kowalski Mehta Alves Wright Weber Romano Bakr Lund";

/// First halves of customer brand names (`North` + `wind`).
const BRAND_HEADS: &str =
    "North Blue Silver Red Pine Cedar Iron Bright Clear Stone River Summit Harbor Oak Maple \
    Golden Crystal Eagle Falcon Granite Copper Willow Aspen Coral Amber Swift True High \
    West East South Green Black White Sun Moon Star Sky Frost Lake Bay Cliff Fox Wolf Bear \
    Hawk Elm Birch Sage Orchid Ruby Jade Onyx Cobalt Arrow Beacon Crown Prime Nova Vertex \
    Apex Zen Terra Aqua Solar Lunar Polar Alpine Metro Urban Rapid Noble Royal Liberty \
    Pioneer Atlas Orion Vega Delta Sierra";

/// Second halves of customer brand names.
const BRAND_TAILS: &str =
    "wind ridge field gate view bridge stone haven brook crest point line wave works dale \
    port wood light mark vale rock peak shore land way spring hill side bank path star fire \
    leaf mont ford well stream moor crown core";

/// What customer companies do (the last word of their name).
const INDUSTRIES: &str =
    "Health Logistics Foods Energy Bank Insurance Retail Manufacturing Pharma Media Telecom \
    Airlines Motors Software Analytics Capital Realty Hotels Biotech Systems Industries \
    Group Holdings Corp Mobility Robotics Semiconductors Games Apparel Utilities Mining \
    Shipping Labs Payments Education Clinics Brewing Aerospace Chemicals Markets";

/// Top-level domains by region (the first is the most common).
const TLDS_AMER: &[&str] = &["com", "com", "com", "io", "co", "ca"];
const TLDS_EMEA: &[&str] = &["com", "co.uk", "de", "fr", "nl", "eu", "io"];
const TLDS_APJ: &[&str] = &["com", "com.au", "co.jp", "sg", "in", "io"];

/// Stems for partner company names: the well-known fictional ones first.
const PARTNER_STEMS: &str =
    "Globex, Initech, Umbrella, Hooli, Vandelay, Stark, Wayne, Pied Piper, Cyberdyne, \
    Tyrell, Massive Dynamic, Nakatomi, Oscorp, Aperture, Soylent, Wonka, Gringotts, \
    Virtucon, Monarch, Gekko, Sterling, Bluth, Prestige, Dunder, Acme, Contoso, Fabrikam, \
    Tailspin, Wingtip, Litware, Adventure Works, Proseware, Lucerne, Margie, Trey, \
    Alpine Ski, Coho, Wide World, Fourth Coffee, Northwind, Woodgrove, Blue Yonder, \
    Humongous, Graphic Design, City Power";

fn partner_suffixes(kind: PartnerType) -> &'static [&'static str] {
    match kind {
        PartnerType::Reseller => &[
            "Solutions",
            "Technologies",
            "IT",
            "Systems",
            "Networks",
            "Computing",
        ],
        PartnerType::Distributor => &["Distribution", "Supply", "Channel Group", "Trade"],
        PartnerType::Gsi => &["Services", "Consulting", "Global Services", "Digital"],
        PartnerType::Rsi => &["Integration", "Integrators", "Systems Integration"],
        PartnerType::BoutiqueSi => &["Labs", "Works", "Collective", "Engineering", "Studio"],
        PartnerType::Msp => &["Managed Services", "Cloud Partners", "Cloud Ops", "Hosting"],
        PartnerType::Cloud => &["Cloud"],
        PartnerType::Technology => &["Software", "Analytics", "Security", "Data", "AI"],
    }
}

/// The hyperscalers, who run the marketplaces; cloud partners take these names first.
pub const HYPERSCALERS: &[(&str, &str)] = &[
    ("AWS", "aws.amazon.com"),
    ("Google Cloud", "cloud.google.com"),
    ("Microsoft Azure", "azure.microsoft.com"),
    ("Oracle Cloud", "oracle.com"),
    ("IBM Cloud", "ibm.com"),
    ("Alibaba Cloud", "alibabacloud.com"),
];

/// What a deal is about (after the account name).
pub const DEAL_MOTIONS: &str =
    "Premium upgrade, Ultimate expansion, New logo, Platform migration, Seat expansion, \
    Security add-on, CI/CD modernisation, Data platform, Pilot, Enterprise agreement, \
    Self-managed to SaaS, Compliance bundle, Dedicated instance, Agile planning add-on";

/// Notes people write on touches (short, as typed in chat).
pub const TOUCH_NOTES: &str =
    "QBR prep with their practice lead|Joint account planning for next quarter's targets|\
    Enablement: solutions architect bootcamp, 6 attendees|\
    Call about the pending registration; they will add the customer's domain|\
    Pipeline review: three new opportunities in discovery|\
    Intro call with their new alliance manager|\
    Co-sell sync on the marketplace private offer|\
    Discussed the Select track requirements and the business plan|\
    Event follow-up: 14 leads shared, 4 qualified|\
    Escalation: quote discount above program table, sent to director|\
    Certification plan: two more PSE certifications this quarter|\
    Lunch with their sales VP, good momentum in financial services|\
    Email recap of the joint webinar, next steps agreed|\
    Reviewed ACE opportunities that lag the deal stage|\
    Workshop on the migration services offer|\
    Partner asked for NFR licences for the demo lab";

/// Why a partner influenced a deal.
pub const INFLUENCE_NOTES: &str =
    "Introduced us to the CIO|Ran the proof of concept with the platform team|\
    Briefed the customer's architecture board|Helped answer the security section of the RFP|\
    Pursued side by side with our AE|Demoed the integration with their product";

pub const DENIAL_NOTES: &str = "Customer already engaged directly by our field team|\
    Duplicate of an approved registration held by another partner|\
    Existing customer renewal; not eligible for a sourced registration";

pub const RETURN_NOTES: &str = "Please add the customer's web domain and an end-user contact|\
    Amount looks like total contract value; enter Net ARR|\
    Close date is in the past; update it and resubmit";

/// The pools, split once.
#[derive(Debug)]
pub struct Pools {
    first_names: Vec<&'static str>,
    last_names: Vec<&'static str>,
    brand_heads: Vec<&'static str>,
    brand_tails: Vec<&'static str>,
    industries: Vec<&'static str>,
    partner_stems: Vec<&'static str>,
    pub deal_motions: Vec<&'static str>,
    pub touch_notes: Vec<&'static str>,
    pub influence_notes: Vec<&'static str>,
    pub denial_notes: Vec<&'static str>,
    pub return_notes: Vec<&'static str>,
}

fn split(text: &'static str, separator: char) -> Vec<&'static str> {
    text.split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Where a customer is, for its web domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Amer,
    Emea,
    Apj,
}

impl Region {
    /// The region of a territory from its region label or name (`EMEA North`).
    pub fn of(label: &str) -> Region {
        let upper = label.to_uppercase();
        if upper.contains("EMEA") {
            Region::Emea
        } else if upper.contains("APJ") || upper.contains("APAC") {
            Region::Apj
        } else {
            Region::Amer
        }
    }
}

impl Default for Pools {
    fn default() -> Self {
        Pools::new()
    }
}

impl Pools {
    pub fn new() -> Pools {
        Pools {
            first_names: split(FIRST_NAMES, ' '),
            last_names: split(LAST_NAMES, ' '),
            brand_heads: split(BRAND_HEADS, ' '),
            brand_tails: split(BRAND_TAILS, ' '),
            industries: split(INDUSTRIES, ' '),
            partner_stems: split(PARTNER_STEMS, ','),
            deal_motions: split(DEAL_MOTIONS, ','),
            touch_notes: split(TOUCH_NOTES, '|'),
            influence_notes: split(INFLUENCE_NOTES, '|'),
            denial_notes: split(DENIAL_NOTES, '|'),
            return_notes: split(RETURN_NOTES, '|'),
        }
    }

    /// A person's name whose key is not in `used` yet.
    pub fn person(&self, rng: &mut Rng, used: &mut HashSet<String>) -> String {
        unique(rng, used, |rng| {
            format!(
                "{} {}",
                rng.pick(&self.first_names),
                rng.pick(&self.last_names)
            )
        })
    }

    /// A customer company and its web domain: `Northwind Health`, `northwindhealth.com`.
    pub fn company(
        &self,
        rng: &mut Rng,
        used: &mut HashSet<String>,
        region: Region,
    ) -> (String, String) {
        let tlds = match region {
            Region::Amer => TLDS_AMER,
            Region::Emea => TLDS_EMEA,
            Region::Apj => TLDS_APJ,
        };
        let name = unique(rng, used, |rng| {
            format!(
                "{}{} {}",
                rng.pick(&self.brand_heads),
                rng.pick(&self.brand_tails),
                rng.pick(&self.industries)
            )
        });
        let domain = format!("{}.{}", name_key(&name).replace(' ', ""), rng.pick(tlds));
        (name, domain)
    }

    /// A partner name that says what kind of partner it is (`Globex Services` for a GSI), and
    /// its web domain. Cloud partners take the hyperscalers' names first.
    pub fn partner(
        &self,
        rng: &mut Rng,
        used: &mut HashSet<String>,
        kind: PartnerType,
    ) -> (String, String) {
        if kind == PartnerType::Cloud {
            if let Some((name, domain)) = HYPERSCALERS
                .iter()
                .find(|(n, _)| !used.contains(&name_key(n)))
            {
                used.insert(name_key(name));
                return (name.to_string(), domain.to_string());
            }
        }
        let suffixes = partner_suffixes(kind);
        let name = unique(rng, used, |rng| {
            let stem = if rng.chance(50) {
                rng.pick(&self.partner_stems).to_string()
            } else {
                format!(
                    "{}{}",
                    rng.pick(&self.brand_heads),
                    rng.pick(&self.brand_tails)
                )
            };
            format!("{stem} {}", rng.pick(suffixes))
        });
        let domain = format!("{}.com", name_key(&name).replace(' ', "-"));
        (name, domain)
    }
}

/// Draws names until one is new; after 20 misses it numbers the name, so the loop always ends.
fn unique(
    rng: &mut Rng,
    used: &mut HashSet<String>,
    mut make: impl FnMut(&mut Rng) -> String,
) -> String {
    for attempt in 0.. {
        let base = make(rng);
        let name = if attempt < 20 {
            base
        } else {
            format!("{base} {}", attempt - 18)
        };
        if used.insert(name_key(&name)) {
            return name;
        }
    }
    unreachable!("numbered names are unbounded")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_company_names_are_unique_and_repeatable() {
        let pools = Pools::new();
        let make = || {
            let mut rng = Rng::new(5);
            let mut used = HashSet::new();
            (0..3000)
                .map(|_| pools.company(&mut rng, &mut used, Region::Emea))
                .collect::<Vec<_>>()
        };
        let names = make();
        let keys: HashSet<String> = names.iter().map(|(n, _)| name_key(n)).collect();
        assert_eq!(keys.len(), names.len());
        assert_eq!(names, make());
        assert!(names.iter().all(|(_, domain)| !domain.contains(' ')));
    }

    #[test]
    fn partner_names_say_what_kind_of_partner_they_are() {
        let pools = Pools::new();
        let mut rng = Rng::new(1);
        let mut used = HashSet::new();
        let (gsi, _) = pools.partner(&mut rng, &mut used, PartnerType::Gsi);
        assert!(
            partner_suffixes(PartnerType::Gsi)
                .iter()
                .any(|s| gsi.ends_with(s)),
            "{gsi}"
        );
        let (cloud, domain) = pools.partner(&mut rng, &mut used, PartnerType::Cloud);
        assert_eq!((cloud.as_str(), domain.as_str()), ("AWS", "aws.amazon.com"));
    }

    #[test]
    fn people_names_stay_unique_past_the_pool_size() {
        let pools = Pools::new();
        let mut rng = Rng::new(2);
        let mut used = HashSet::new();
        let names: Vec<String> = (0..3000)
            .map(|_| pools.person(&mut rng, &mut used))
            .collect();
        assert_eq!(used.len(), names.len());
        assert_eq!(pools.first_names.len(), 50);
        assert!(pools.touch_notes.len() > 10);
    }
}
