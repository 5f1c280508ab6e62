//! The words people write in sheets, which the readers recognise: header names, job titles
//! and functions, the verbs tasks open with. They are kept here, apart from the code that
//! weighs them, so that teaching rolecall a new word (a header in another language, a title
//! it took for a person) is an edit to a list, and the lists can be read side by side.
//!
//! Header words are compared after [`normalise_header`](super::normalise_header): lowercase,
//! punctuation as spaces, filler words dropped.

// Header names of the list layout's columns, one list per column role.

/// Headers of the column naming who does a task.
pub(super) const PERSON_HEADERS: &[&str] = &[
    "name",
    "person",
    "owner",
    "assignee",
    "employee",
    "member",
    "who",
    "full name",
    "team member",
    "employee name",
    "person name",
    "staff",
    "people",
    "resource",
    "names",
    "assigned to",
    "assigned",
    "assignees",
    "owners",
    "resource names",
];

/// Headers of a job title column.
pub(super) const TITLE_HEADERS: &[&str] = &[
    "title",
    "role",
    "job title",
    "position",
    "job",
    "job role",
    "designation",
    "role title",
];

/// Headers of a team or department column.
pub(super) const TEAM_HEADERS: &[&str] = &[
    "team",
    "department",
    "squad",
    "group",
    "dept",
    "org",
    "organisation",
    "organization",
    "tribe",
    "function",
    "unit",
];

/// Headers of the task column, in the languages shared charts are written in.
pub(super) const TASK_HEADERS: &[&str] = &[
    "task",
    "tasks",
    "responsibility",
    "responsibilities",
    "activity",
    "activities",
    "duties",
    "duty",
    "what they do",
    "work item",
    "work items",
    "deliverables",
    "accountabilities",
    "task name",
    "task title",
    "task description",
    "activity name",
    "action",
    "actions",
    "action name",
    "work",
    // A Microsoft Planner export's outline column: phase rows and task names.
    "phase and name",
    "deliverable",
    // The same in the other languages shared charts are written in.
    "tarea",
    "tareas",
    "actividad",
    "actividades",
    "entregable",
    "tâche",
    "tâches",
    "tache",
    "taches",
    "activité",
    "activités",
    "tarefa",
    "tarefas",
    "atividade",
    "atividades",
    "entregável",
    "entregáveis",
    "aufgabe",
    "aufgaben",
    "tätigkeit",
];

/// Headers of a time or effort column.
pub(super) const EFFORT_HEADERS: &[&str] = &[
    "effort",
    "hours",
    "hours per week",
    "hours week",
    "hrs",
    "% time",
    "time",
    "allocation",
    "fte",
    "percent",
    "% of time",
    "capacity",
    "time spent",
];

/// Headers of a task-group column: a phase, stage or workstream.
pub(super) const GROUP_HEADERS: &[&str] = &[
    "phase",
    "stage",
    "category",
    "workstream",
    "work stream",
    "section",
    "milestone",
    "bucket",
    "epic",
    "area",
    "task group",
    "fase",
    "etapa",
];

// What a matrix's header cells and labels say.

/// Headers that name a column of text beside the marks, never a party.
pub(super) const NOT_PARTIES: &[&str] = &[
    "notes",
    "note",
    "comments",
    "comment",
    "remarks",
    "description",
    "details",
    "status",
    "due",
    "due date",
    "date",
    "deadline",
    "link",
    "links",
    "priority",
    "id",
    "ref",
    "no",
    "number",
];

/// Nouns that make a text a job title: "Engineering Manager", "Support Lead", "TPM".
pub(super) const ROLE_NOUNS: &[&str] = &[
    "manager",
    "lead",
    "leader",
    "head",
    "director",
    "engineer",
    "designer",
    "analyst",
    "architect",
    "owner",
    "officer",
    "counsel",
    "specialist",
    "coordinator",
    "scientist",
    "developer",
    "administrator",
    "consultant",
    "writer",
    "recruiter",
    "master",
    "sponsor",
    "executive",
    "chief",
    "vp",
    "cto",
    "ceo",
    "coo",
    "cfo",
    "cpo",
    "ciso",
    "pm",
    "pmm",
    "tpm",
    "pgm",
    "em",
    "qa",
    "sre",
    "devops",
];

/// Words of a function, which name a role as a party header ("Legal", "Marketing") but a
/// team over a group of names.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "engineering",
    "design",
    "legal",
    "marketing",
    "sales",
    "support",
    "operations",
    "ops",
    "ux",
    "team",
    "committee",
    "board",
    "stakeholders",
    "finance",
    "hr",
    "security",
    "compliance",
    "program",
    "programme",
    "product",
    "project",
    "research",
    "platform",
    "infrastructure",
    "success",
    "steering",
    "scrum",
    "partner",
    "vendor",
];

/// Whether a word of `text` (lowercased, split at anything not a letter or digit) is in `list`.
fn has_word(text: &str, list: &[&str]) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| list.contains(&word))
}

/// A job title, never a team: holds a role noun.
pub(super) fn names_a_role(text: &str) -> bool {
    has_word(text, ROLE_NOUNS)
}

/// A party header that names a role or a function rather than a person.
pub(super) fn looks_like_role_title(text: &str) -> bool {
    names_a_role(text) || has_word(text, FUNCTION_WORDS)
}

/// Words that open a task-group heading.
pub(super) const HEADING_WORDS: &[&str] = &[
    "phase",
    "stage",
    "workstream",
    "milestone",
    "section",
    "part",
    "step",
    "track",
    "stream",
    "wave",
];

/// Headers that say a column holds marks without saying whose they are.
pub(super) const MARKS_HEADERS: &[&str] = &[
    "role",
    "raci",
    "raci role",
    "raci code",
    "responsibility",
    "involvement",
    "mark",
    "marks",
];

/// Words of a sheet's name that say what kind of sheet it is, not whose.
pub(super) const CHART_WORDS: &[&str] =
    &["raci", "rasci", "ram", "matrix", "chart", "sheet", "roles"];

/// Verbs a task line often opens with, in the languages of the charts people share.
pub(super) const TASK_VERBS: &[&str] = &[
    "define",
    "develop",
    "create",
    "review",
    "plan",
    "approve",
    "build",
    "design",
    "write",
    "test",
    "deploy",
    "release",
    "run",
    "manage",
    "track",
    "prepare",
    "conduct",
    "draft",
    "gather",
    "identify",
    "perform",
    "set",
    "update",
    "maintain",
    "monitor",
    "analyse",
    "analyze",
    "implement",
    "configure",
    "install",
    "train",
    "document",
    "communicate",
    "coordinate",
    "schedule",
    "publish",
    "launch",
    "deliver",
    "establish",
    "evaluate",
    "assess",
    "collect",
    "provide",
    "ensure",
    "report",
    "sign",
    "submit",
    "organise",
    "organize",
    "hold",
    "refine",
    "estimate",
    "integrate",
    "migrate",
    "validate",
    "verify",
    "select",
    "negotiate",
    "finalize",
    "finalise",
    "study",
    "arrange",
    "accept",
    "act",
    "determine",
    "decide",
    "support",
    "handle",
    "onboard",
    "present",
    "procure",
    // French, Spanish, Portuguese, German
    "définir",
    "créer",
    "rédiger",
    "valider",
    "definir",
    "crear",
    "revisar",
    "elaborar",
    "criar",
    "desenvolver",
    "erstellen",
    "prüfen",
    "planen",
];

/// Words that make a header a placeholder or a name of people, not work.
pub(super) const PARTY_WORDS: &[&str] = &[
    "person",
    "people",
    "name",
    "department",
    "team",
    "role",
    "stakeholder",
    "client",
    "customer",
    "vendor",
    "owner",
];

/// Words that make a text read as work to be done.
pub(super) const WORK_WORDS: &[&str] = &[
    "task",
    "activity",
    "deliverable",
    "milestone",
    "tarea",
    "actividad",
    "tâche",
    "taches",
    "tache",
    "atividade",
    "entregável",
    "aufgabe",
];

// The long form's column headers.

/// Headers of the column holding the letters.
pub(super) const LETTER_HEADERS: &[&str] = &[
    "raci",
    "rasci",
    "daci",
    "raci role",
    "raci code",
    "raci letter",
    "raci value",
    "letter",
    "mark",
    "marks",
    "involvement",
    "assignment",
];

/// Words of a header that names the party of a row.
pub(super) const PARTY_HEADER_WORDS: &[&str] = &[
    "role",
    "person",
    "name",
    "party",
    "owner",
    "who",
    "assignee",
    "stakeholder",
    "team",
];

/// Words of a header that names a task's group.
pub(super) const GROUP_HEADER_WORDS: &[&str] =
    &["group", "phase", "category", "section", "stage", "area"];

/// Header words of columns that hold something beside the task and its owner (a state, a
/// date, a key, a kind, a priority, who filed it), in the languages of the corpus. The
/// learned column reader weighs them as one cue among many, so a list here is a hint, not
/// a rule.
pub(super) const BESIDE_HEADERS: &[&str] = &[
    "status",
    "state",
    "estado",
    "statut",
    "état",
    "stato",
    "zustand",
    "trạng",
    "thái",
    "date",
    "fecha",
    "datum",
    "data",
    "start",
    "end",
    "due",
    "inicio",
    "fin",
    "début",
    "created",
    "updated",
    "resolved",
    "deadline",
    "plazo",
    "id",
    "key",
    "clave",
    "nr",
    "no",
    "type",
    "tipo",
    "typ",
    "priority",
    "prioridad",
    "priorité",
    "priorität",
    "prioridade",
    "reporter",
    "creator",
    "author",
    "informador",
    "creador",
    "autor",
    "auteur",
    "progress",
    "avance",
    "avancement",
    "progreso",
    "fortschritt",
    "%",
    "sprint",
    "points",
    "puntos",
    "estimate",
    "estimación",
    "hours",
    "horas",
    "heures",
    "stunden",
    "url",
    "link",
    "email",
    "resolution",
    "resolución",
    "labels",
    "etiquetas",
    "comment",
    "comments",
    "notes",
    "comentarios",
    "observaciones",
    "remarques",
    "bemerkungen",
];

/// Whether a header holds one of [`BESIDE_HEADERS`]'s words.
pub(super) fn names_something_beside(text: &str) -> bool {
    has_word(text, BESIDE_HEADERS)
}
