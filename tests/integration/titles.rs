//! Titles people really write (issue 33): a role's title in another language or with a
//! qualifier holds the role, and a title rolecall cannot place is said once, with the config
//! lines that place it, and never makes drift or an unstaffed role by itself.

use crate::util::{json, TestEnv};

fn audit(env: &TestEnv, input: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["audit", input, "--format", "json"];
    args.extend_from_slice(extra);
    json(&env.run(args).success().stdout)
}

fn of_kind<'r>(report: &'r serde_json::Value, kind: &str) -> Vec<&'r serde_json::Value> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["kind"] == kind)
        .collect()
}

fn title_role<'r>(report: &'r serde_json::Value, name: &str) -> &'r serde_json::Value {
    report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == name)
        .map_or(&serde_json::Value::Null, |p| &p["title_role"])
}

/// Product work under a Spanish and a Chinese Product Manager title, and the qualifier of
/// "Product Manager for Payments".
const PRODUCT_TEAM: &str = "Name,Title,Task
Lucía Gómez,Gerente de Producto,Prioritise the product roadmap for Q3
Lucía Gómez,Gerente de Producto,Customer interviews for the checkout redesign
Lucía Gómez,Gerente de Producto,Write the PRD for saved carts
Wei Zhang,产品经理,Prioritise the backlog for the mobile app
Wei Zhang,产品经理,Competitive analysis of rival checkout flows
Wei Zhang,产品经理,Write user stories and acceptance criteria for search
Noor Haddad,Product Manager for Payments,Define success metrics for onboarding
Noor Haddad,Product Manager for Payments,Pricing and packaging proposal for the premium tier
Sam Lee,Software Engineer,Code reviews for the payments service
Sam Lee,Software Engineer,Fix flaky integration tests
";

#[test]
fn product_managers_titled_in_spanish_chinese_or_with_a_qualifier_hold_the_role() {
    let env = TestEnv::new();
    env.write("team.csv", PRODUCT_TEAM);
    let report = audit(&env, "team.csv", &[]);
    for name in ["Lucía Gómez", "Wei Zhang", "Noor Haddad"] {
        assert_eq!(title_role(&report, name), "product-manager", "{name}");
    }
    assert_eq!(title_role(&report, "Sam Lee"), &serde_json::Value::Null);
    // Doing their own job is no drift, the role is held (so audited for gaps, not
    // "unstaffed"), and every title is one rolecall knows.
    assert!(of_kind(&report, "drift").is_empty(), "{report:#}");
    assert!(of_kind(&report, "unrecognised-title").is_empty());
    assert!(!of_kind(&report, "unstaffed-role")
        .iter()
        .any(|f| f["id"] == "unstaffed-role:product-manager"));
    assert_eq!(
        report["scope"]["audited_roles"],
        serde_json::json!(["product-manager"])
    );
}

/// Product work under a title nobody knows, held by two people; another unknown title; and
/// an engineer, whose title is another job's.
const UNKNOWN_TITLES: &str = "Name,Title,Task
Ana Ruiz,Coordinadora de Innovación,Prioritise the product roadmap for Q3
Ana Ruiz,Coordinadora de Innovación,Customer interviews for the checkout redesign
Ana Ruiz,Coordinadora de Innovación,Write the PRD for saved carts
Ben Ode,Coordinadora de Innovación,Prioritise the backlog for the mobile app
Ben Ode,Coordinadora de Innovación,Write user stories and acceptance criteria for search
Cleo Park,\"Chief of \"\"Staff\"\"\",Code reviews for the payments service
Cleo Park,\"Chief of \"\"Staff\"\"\",Fix flaky integration tests
Sam Lee,Software Engineer,Code reviews for the payments service
Sam Lee,Software Engineer,Fix flaky integration tests
";

#[test]
fn unknown_titles_are_one_finding_with_the_config_fix_and_no_drift() {
    let env = TestEnv::new();
    env.write("team.csv", UNKNOWN_TITLES);
    let report = audit(&env, "team.csv", &[]);
    let found = of_kind(&report, "unrecognised-title");
    assert_eq!(found.len(), 1, "{report:#}");
    let finding = found[0];
    assert_eq!(finding["id"], "unrecognised-title");
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["people"],
        serde_json::json!(["Ana Ruiz", "Ben Ode", "Cleo Park"])
    );
    let message = finding["message"].as_str().unwrap_or("");
    assert!(
        message.contains(
            "\"Coordinadora de Innovación\" (2 people) and \"Chief of \"Staff\"\" (1 person)."
        ),
        "{message}"
    );
    // The fix is the config lines, as pasteable TOML: the role the holders' work reads as,
    // or "none" when their work is no role's.
    let advice = finding["advice"].as_str().unwrap_or("");
    assert!(advice.contains("[titles]"), "{advice}");
    assert!(
        advice.contains(r#""Coordinadora de Innovación" = "product-manager""#),
        "{advice}"
    );
    assert!(
        advice.contains(r#""Chief of \"Staff\"" = "none""#),
        "{advice}"
    );
    // Their holders do product work under a title rolecall does not know: no drift, and no
    // "nobody is titled Product Manager".
    assert!(of_kind(&report, "drift").is_empty(), "{report:#}");
    assert!(!of_kind(&report, "unstaffed-role")
        .iter()
        .any(|f| f["id"] == "unstaffed-role:product-manager"));

    // The lines, pasted into the config, place the titles (whatever their case, in any
    // script): the finding goes, and the work is judged against the role the title holds.
    env.write(
        "rolecall.toml",
        "[titles]\n\"COORDINADORA DE INNOVACIÓN\" = \"product-manager\"\n\"Chief of \\\"Staff\\\"\" = \"none\"\n",
    );
    let placed = audit(&env, "team.csv", &[]);
    assert!(
        of_kind(&placed, "unrecognised-title").is_empty(),
        "{placed:#}"
    );
    assert_eq!(title_role(&placed, "Ana Ruiz"), "product-manager");
    assert_eq!(
        placed["scope"]["audited_roles"],
        serde_json::json!(["product-manager"])
    );
}
