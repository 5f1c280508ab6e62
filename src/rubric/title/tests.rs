use super::*;
use crate::rubric::Rubric;

fn role(id: &str, aliases: &[&str]) -> Role {
    Role {
        id: id.into(),
        name: id.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        summary: "s".into(),
        file: "f".into(),
    }
}

fn roles() -> Vec<Role> {
    vec![
        role("pm", &["PM", "Product Manager", "Product Owner"]),
        role("pgm", &["Program Manager", "Delivery Manager"]),
        role("tpm", &["TPM", "Technical Program Manager"]),
    ]
}

fn mapped(title: &str) -> Option<String> {
    let roles = roles();
    let titles = Titles::new(&roles);
    titles.kind(title).role().map(|r| r.id.clone())
}

#[test]
fn maps_the_ways_people_write_titles() {
    assert_eq!(mapped("Sr. PM").as_deref(), Some("pm"));
    assert_eq!(mapped("Senior Product Manager").as_deref(), Some("pm"));
    assert_eq!(mapped("Product Manager, Payments").as_deref(), Some("pm"));
    assert_eq!(mapped("Sr. Tech. Program Mgr").as_deref(), Some("tpm"));
    assert_eq!(mapped("Programme Manager").as_deref(), Some("pgm"));
    assert_eq!(mapped("Progam Manager").as_deref(), Some("pgm"));
    assert_eq!(mapped("Staff TPM").as_deref(), Some("tpm"));
}

#[test]
fn other_titles_map_to_nothing() {
    assert_eq!(mapped("Staff Engineer"), None);
    assert_eq!(mapped("Product Designer"), None);
    assert_eq!(mapped("Engineering Manager"), None);
    assert_eq!(mapped(""), None);
}

/// What the built-in rubrics and the table of other jobs make of titles as people write
/// them: "pm", "pgm", "tpm" for a role, "other" for another job, "?" for unrecognised.
const TITLES: &[(&str, &str)] = &[
    // Qualifiers, seniority and levels, in English.
    ("Product Manager for Payments", "pm"),
    ("PM - Growth", "pm"),
    ("Sr. TPM, Infra", "tpm"),
    ("Product Manager (Payments)", "pm"),
    ("Senior PM, Growth & Retention", "pm"),
    ("Group Product Manager", "pm"),
    ("Lead Technical Program Manager", "tpm"),
    ("Principal TPM / Infra", "tpm"),
    ("Program Manager II", "pgm"),
    ("Product Manager – Mobile", "pm"),
    ("Product Manager — Mobile", "pm"),
    ("Associate PM", "pm"),
    ("Product Manager: Checkout", "pm"),
    ("Product Manager | Search", "pm"),
    ("Senior Technical Program Manager of Data Platform", "tpm"),
    ("Payments Product Manager", "pm"),
    ("Technical Program Manager III, Cloud Infrastructure", "tpm"),
    ("Director of Product Management for EMEA", "pm"),
    ("Product Manager Intern", "pm"),
    ("Techincal Program Manger", "tpm"),
    // Decisions kept: a project manager is a Program Manager, a Program Director too, and a
    // Head of Product is a Product Manager; a Scrum Master and an SDM are other jobs.
    ("Project Manager", "pgm"),
    ("IT Project Manager", "pgm"),
    ("Program Director", "pgm"),
    ("Head of Product", "pm"),
    ("Scrum Master", "other"),
    ("SDM", "other"),
    // False friends: a role's words in another job's title.
    ("Product Marketing Manager", "other"),
    ("Product Designer", "other"),
    ("Head of Product Design", "other"),
    ("Engineering Manager", "other"),
    ("Product Analyst", "other"),
    ("Program Coordinator", "?"),
    ("Gerente de Producción", "?"),
    // Other jobs, by their words, in several languages.
    ("Senior Backend Engineer", "other"),
    ("Staff Engineer", "other"),
    ("SRE", "other"),
    ("QA Lead", "other"),
    ("Data Scientist", "other"),
    ("CEO & Co-founder", "other"),
    ("Recruiter", "other"),
    ("HR Business Partner", "other"),
    ("Legal Counsel", "other"),
    ("Account Executive", "other"),
    ("Customer Success Manager", "other"),
    ("Desarrolladora Backend", "other"),
    ("Ingeniera de Datos", "other"),
    ("Développeur Full-Stack", "other"),
    ("Softwareentwickler", "other"),
    ("Analista de Negócios", "other"),
    ("Sviluppatore Software", "other"),
    ("Ontwikkelaar", "other"),
    ("Programista", "other"),
    ("ソフトウェアエンジニア", "other"),
    ("软件工程师", "other"),
    ("軟體工程師", "other"),
    ("UX 디자이너", "other"),
    ("Steering Committee", "other"),
    // Spanish.
    ("Gerente de Producto", "pm"),
    ("Gerente de Producto para Pagos", "pm"),
    ("Jefa de Producto Senior", "pm"),
    ("Gerente de Proyecto", "pgm"),
    ("Gerente de Programa Técnico", "tpm"),
    // French.
    ("Chef de produit", "pm"),
    ("Cheffe de produit senior", "pm"),
    ("Responsable produit", "pm"),
    ("Chef de projet", "pgm"),
    ("Directrice de programme", "pgm"),
    ("Chef de projet technique", "tpm"),
    // German.
    ("Produktmanager", "pm"),
    ("Produktmanagerin", "pm"),
    ("Senior Produktmanager (m/w/d)", "pm"),
    ("Produktmanager:in Payments", "pm"),
    ("Digitalproduktmanager", "pm"),
    ("Projektleiter", "pgm"),
    ("Technischer Projektleiter", "tpm"),
    // Portuguese.
    ("Gerente de Produto", "pm"),
    ("Gerente de Projetos", "pgm"),
    ("Gerente de Produto Sênior", "pm"),
    // Italian.
    ("Responsabile di prodotto", "pm"),
    ("Capo progetto", "pgm"),
    // Dutch.
    ("Productmanager", "pm"),
    ("Product Manager", "pm"),
    ("Projectleider", "pgm"),
    // Polish.
    ("Menedżer produktu", "pm"),
    ("MENEDŻER PRODUKTU", "pm"),
    ("Starszy menedżer produktu", "pm"),
    ("Kierownik projektu", "pgm"),
    // Japanese.
    ("プロダクトマネージャー", "pm"),
    ("シニアプロダクトマネージャー", "pm"),
    ("プロダクトマネージャー（決済）", "pm"),
    ("ＰＭ", "pm"),
    ("プロジェクトマネージャー", "pgm"),
    ("テクニカルプログラムマネージャー", "tpm"),
    // Chinese, simplified and traditional.
    ("产品经理", "pm"),
    ("高级产品经理", "pm"),
    ("产品经理（支付）", "pm"),
    ("產品經理", "pm"),
    ("项目经理", "pgm"),
    ("專案經理", "pgm"),
    ("技术项目经理", "tpm"),
    ("技術專案經理", "tpm"),
    ("产品设计师", "other"),
    // Korean, with and without the space.
    ("프로덕트 매니저", "pm"),
    ("프로덕트매니저", "pm"),
    ("시니어 프로덕트 매니저", "pm"),
    ("제품 관리자", "pm"),
    ("프로그램 매니저", "pgm"),
    ("기술 프로그램 매니저", "tpm"),
    // Neither.
    ("Chief of Staff", "?"),
    ("Head of Growth", "?"),
    ("Manager", "?"),
    ("Director", "?"),
    ("総務部長", "?"),
];

#[test]
fn titles_as_people_write_them_read_as_role_other_or_unrecognised() {
    let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
    let titles = rubric.titles();
    let short = |id: &str| match id {
        "product-manager" => "pm",
        "program-manager" => "pgm",
        "technical-program-manager" => "tpm",
        other => panic!("{other}"),
    };
    let wrong: Vec<String> = TITLES
        .iter()
        .filter_map(|&(title, expected)| {
            let got = match titles.kind(title) {
                TitleKind::Role(role) => short(&role.id),
                TitleKind::Other => "other",
                TitleKind::Unrecognised => "?",
            };
            (got != expected).then(|| format!("{title:?}: {got}, expected {expected}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Every alias of the built-in rubrics reads as its own role, whole and with a qualifier:
/// no alias is shadowed by another role's, or lost to the folding.
#[test]
fn every_built_in_alias_reads_as_its_role() {
    let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
    let titles = rubric.titles();
    for role in &rubric.roles {
        for alias in &role.aliases {
            for title in [alias.clone(), format!("{alias} (Payments)")] {
                let got = titles.kind(&title).role().map(|r| r.id.as_str());
                assert_eq!(got, Some(role.id.as_str()), "{title}");
            }
        }
    }
}

/// The table's entries are written as titles fold, or they could never match.
#[test]
fn other_job_words_are_written_folded() {
    for (family, entries) in OTHER_JOBS {
        for entry in *entries {
            if !entry.chars().any(unspaced) {
                assert_eq!(words(entry), [entry.to_string()], "{family}: {entry}");
            }
        }
    }
}

#[test]
fn titles_fold_case_accents_widths_and_unspaced_scripts() {
    assert_eq!(
        normalise_title("Sr. Tech. Program Mgr"),
        "senior technical program manager"
    );
    assert_eq!(normalise_title("Menedżer Produktu"), "menedzer produktu");
    assert_eq!(normalise_title("Straße"), "strasse");
    assert_eq!(normalise_title("ＰＭ（支付）"), "pm 支 付");
    assert_eq!(
        normalise_title("프로덕트 매니저"),
        normalise_title("프로덕트매니저")
    );
}
