use super::*;

/// Three small roles and one area of other work, with a few training lines each.
pub(super) fn rubric() -> Rubric {
    let file = |role: &str, entries: &[(&str, &[&str])]| {
        let mut text = format!(
            "[role]\nid = \"{role}\"\nname = \"{role}\"\naliases = [\"{role}\"]\nsummary = \"s\"\n"
        );
        for (id, terms) in entries {
            let terms: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
            text.push_str(&format!(
                "[[responsibility]]\nid = \"{id}\"\ntitle = \"{id}\"\ndescription = \"{id} work\"\nterms = [{}]\nexamples = [\"{id} task\"]\ncore = true\nsource = \"s\"\n",
                terms.join(", ")
            ));
        }
        (format!("{role}.toml"), text)
    };
    let training = "text,label,style\n\
        Prioritise the roadmap with customers,roadmap,sheet\n\
        Own feature prioritization for the app,roadmap,ad\n\
        Run customer interviews about onboarding,research,sheet\n\
        I talk to customers every week,research,ladder\n\
        Track dependencies between services before launch,deps,ad\n\
        Launch readiness review for the API,deps,raci\n\
        Weekly status report to the steering group,comms,sheet\n\
        Brief stakeholders on programme status,comms,ad\n\
        Fix the bug in the login code,other-eng,sheet\n\
        Write test cases and fix flaky tests,other-eng,sheet\n\
        Code review for the billing service,other-eng,raci\n";
    Rubric::from_sources([
        file(
            "pm",
            &[
                ("roadmap", &["roadmap", "feature prioritization"]),
                ("research", &["customer interviews", "user research"]),
            ],
        ),
        file(
            "tpm",
            &[("deps", &["dependencies", "launch readiness", "integration"])],
        ),
        file("pgm", &[("comms", &["stakeholder updates", "status report"])]),
        (
            "other.toml".to_string(),
            "[background]\nsummary = \"s\"\n[[area]]\nid = \"other-eng\"\ntitle = \"Engineering\"\ndescription = \"Writing and fixing code\"\nterms = [\"code review\", \"bug\", \"test\"]\nexamples = [\"fix crash\"]\nsource = \"s\"\n".to_string(),
        ),
    ])
    .and_then(|r| r.with_training([("train.csv".to_string(), training.to_string())]))
    .unwrap_or_else(|e| panic!("{e}"))
}

fn best_id(matcher: &Matcher<'_>, task: &str) -> Option<String> {
    let m = matcher.classify(task);
    m.best().map(|b| {
        matcher.rubric().responsibilities[b.responsibility]
            .id
            .clone()
    })
}

#[test]
fn credits_the_likeliest_responsibility_and_says_which_words_carried_it() {
    let rubric = rubric();
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    assert_eq!(
        best_id(&matcher, "Prioritise the Q3 roadmap").as_deref(),
        Some("roadmap")
    );
    let m = matcher.classify("Run customer interviews");
    assert_eq!(m.status, MatchStatus::Matched);
    let best = m.best().unwrap_or_else(|| panic!("no match"));
    let weight = |term: &str| {
        best.evidence
            .terms
            .iter()
            .find(|t| &*t.term == term)
            .map(|t| t.weight)
    };
    assert!(weight("interviews").is_some_and(|w| w > 0.0), "{best:?}");
    assert!(
        weight("customer interviews").is_some_and(|w| w > 0.0),
        "{best:?}"
    );
    assert!(best.score > 0.3 && best.score <= 1.0);
    // Terms for first, against last.
    let weights: Vec<f64> = best.evidence.terms.iter().map(|t| t.weight).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
}

#[test]
fn a_word_of_other_work_speaks_against_the_role() {
    let rubric = rubric();
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let m = matcher.classify("roadmap bug");
    let pm = m
        .roles
        .iter()
        .find(|r| rubric.roles[r.role].id == "pm")
        .unwrap_or_else(|| panic!("no pm"));
    let bug = pm.evidence.terms.iter().find(|t| &*t.term == "bug");
    assert!(bug.is_some_and(|t| t.weight < 0.0), "{:?}", pm.evidence);
    assert_eq!(Evidence::text(&[]), "");
    let shown = Evidence::text(&pm.evidence.terms);
    assert!(shown.contains("bug -"), "{shown}");
}

#[test]
fn probabilities_of_the_roles_and_none_add_up_to_one() {
    let rubric = rubric();
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    for task in ["roadmap", "status report and dependencies", "fix bug", "x"] {
        let m = matcher.classify(task);
        let total: f64 = m.roles.iter().map(|r| r.score).sum::<f64>() + m.none;
        assert!((total - 1.0).abs() < 0.005, "{task}: {total}");
    }
}

#[test]
fn unknown_or_empty_text_is_unmatched() {
    let rubric = rubric();
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    for task in ["", "xyzzy plugh", "   "] {
        let m = matcher.classify(task);
        assert_eq!(m.status, MatchStatus::Unmatched, "{task}");
        assert!(!m.known);
        assert!(m.best().is_none());
        assert_eq!(
            m.score(),
            m.none,
            "an unmatched task shows the probability of none"
        );
    }
}

#[test]
fn work_that_reads_as_another_function_is_unmatched() {
    let rubric = rubric();
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let m = matcher.classify("fix the flaky test and the bug");
    assert_eq!(m.status, MatchStatus::Unmatched);
    assert!(m.none > 0.5, "{m:?}");
    let other = m.other.unwrap_or_else(|| panic!("no other-work match"));
    assert_eq!(rubric.other_work[other.area].id, "other-eng");
    assert!(other
        .evidence
        .terms
        .iter()
        .any(|t| &*t.term == "bug" && t.weight > 0.0));
    assert_eq!(
        best_id(&matcher, "dependencies and launch readiness").as_deref(),
        Some("deps")
    );
}

#[test]
fn roles_within_the_margin_are_ambiguous() {
    let rubric = rubric();
    let wide = MatchSettings {
        ambiguity_margin: 1.0,
        min_score: 0.0,
        ..MatchSettings::default()
    };
    let matcher = Matcher::new(&rubric, wide);
    let m = matcher.classify("status report on dependencies");
    assert_eq!(m.status, MatchStatus::Ambiguous);
    assert_eq!(matcher.contenders(&m).len(), 3);
    let narrow = MatchSettings {
        ambiguity_margin: 0.0,
        ..wide
    };
    let matcher = Matcher::new(&rubric, narrow);
    let m = matcher.classify("status report on dependencies");
    assert_eq!(m.status, MatchStatus::Matched);
    assert_eq!(matcher.contenders(&m).len(), 1);
}

#[test]
fn a_best_role_under_the_minimum_is_unmatched() {
    let rubric = rubric();
    let m = Matcher::new(&rubric, MatchSettings::default()).classify("roadmap");
    assert_eq!(m.status, MatchStatus::Matched);
    let strict = MatchSettings {
        min_score: m.roles[0].score + 0.001,
        ..MatchSettings::default()
    };
    let m = Matcher::new(&rubric, strict).classify("roadmap");
    assert_eq!(m.status, MatchStatus::Unmatched);
}

#[test]
fn a_scratch_shared_across_tasks_changes_no_verdict() {
    let rubric = Rubric::built_in().unwrap();
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let mut scratch = Scratch::default();
    let spec = rolecall_synthetic::TeamSpec {
        people: 100,
        tasks_per_person: 10,
        seed: 7,
    };
    let mut tasks: Vec<String> = rolecall_synthetic::rows(spec).map(|r| r.task).collect();
    tasks.push("roadmap ".repeat(70) + "and a launch readiness review w/ eng");
    tasks.push("Prioritisation of the programme’s OKRs x-functional".into());
    tasks.push(String::new());
    for task in &tasks {
        assert_eq!(
            matcher.classify_with(task, &mut scratch),
            matcher.classify(task),
            "{task}"
        );
    }
}

#[test]
fn training_twice_gives_the_same_bits() {
    let rubric = rubric();
    let a = Model::train(&rubric, |_| true, Hyperparameters::default());
    let b = Model::train(&rubric, |_| true, Hyperparameters::default());
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_eq!(Model::from_bytes(&a.to_bytes()), Some(a.clone()));
    let bytes = a.to_bytes();
    assert_eq!(Model::from_bytes(&bytes[..bytes.len() - 1]), None);
    assert_eq!(Model::from_bytes(b"not a model"), None);
    // Leaving lines out changes the model.
    let c = Model::train(&rubric, |i| i != 0, Hyperparameters::default());
    assert_ne!(a.to_bytes(), c.to_bytes());
}

#[test]
fn the_teams_labels_train_the_model_so_similar_lines_move_too() {
    let role_of = |matcher: &Matcher<'_>, task: &str| {
        let m = matcher.classify(task);
        (
            m.best().is_some(),
            matcher.rubric().roles[m.roles[0].role].id.clone(),
            m.source,
        )
    };
    let before = rubric();
    let unlabelled = "Zorblat intake for the quarter";
    let (credited, _, _) = role_of(&Matcher::new(&before, MatchSettings::default()), unlabelled);
    assert!(!credited, "zorblat is no word the model knows yet");

    let rows = [
        "Zorblat intake triage",
        "Zorblat escalations",
        "Weekly zorblat review",
    ]
    .iter()
    .zip(2..)
    .map(|(task, line)| crate::rubric::LabelRow {
        line,
        task: task.to_string(),
        label: "pgm".to_string(),
    })
    .collect();
    let after = rubric()
        .with_team(
            std::path::Path::new("labels.csv"),
            rows,
            std::path::Path::new("rolecall.toml"),
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(
        after.fingerprint, before.fingerprint,
        "the model's key sees the labels"
    );
    let matcher = Matcher::new(&after, MatchSettings::default());
    let (credited, role, source) = role_of(&matcher, unlabelled);
    assert!(credited && role == "pgm", "{role}");
    assert_eq!(
        source,
        Source::Model,
        "an unlabelled line is the model's verdict"
    );
    let (_, role, source) = role_of(&matcher, "zorblat  ESCALATIONS");
    assert_eq!(role, "pgm");
    assert_eq!(
        source.labelled_by().as_deref(),
        Some("labels.csv line 3"),
        "a labelled line is the team's"
    );
}
