"""Words the sample workspace is made of: realistic, multilingual, deterministic."""

PEOPLE = (
    "Zofia Wójcik",
    "Ольга Петрова",
    "Νίκος Παπαδόπουλος",
    "Amara Okafor",
    "Mateo García",
    "Chen Wei",
    "Sam Taylor",
    "Łukasz Grzęda",
)

MAIN_PRODUCT = {
    "name": "Atlas Field",
    "tagline": "Scheduling and job tracking for field-service teams, online or off",
    "vision": (
        "Every technician starts the day knowing exactly where to go, what to bring and "
        "why it matters — and every dispatcher sees the whole day at a glance."
    ),
    "problem": (
        "Small field-service companies juggle spreadsheets, phone calls and paper job "
        "sheets. Jobs get double-booked, parts are missing on site and invoices go out "
        "weeks late."
    ),
    "target_customers": (
        "Owner-operated HVAC, plumbing and electrical companies with 5–50 technicians, "
        "first in Poland, Greece and the UK."
    ),
    "value_proposition": (
        "Plan the week in minutes, send the right technician with the right parts, and "
        "invoice on the spot — even without signal."
    ),
    "success_metrics": (
        "Weekly active teams; jobs completed per technician per day; days from job done "
        "to invoice paid; 90-day team retention."
    ),
    "not_doing": (
        "No payroll or HR features. No custom hardware. No on-premise edition this year."
    ),
}

MAIN_GOALS = (
    ("Grow activation", "#2E7D32", "Weekly active teams", "1,200 by Q4"),
    ("Retain teams", "#1565C0", "90-day retention", "85 %"),
    ("Enterprise ready", "#6A1B9A", "Deals above 50 seats", "12 signed"),
    ("Platform health", "#EF6C00", "Crash-free sessions", "99.8 %"),
)

MAIN_LANES = ("Mobile app", "Web dashboard", "Platform", "Integrations")

INITIATIVES = (
    "Offline job sheets",
    "Smart dispatch board",
    "Route optimisation",
    "Parts inventory on the van",
    "Customer SMS reminders",
    "Invoice on site",
    "Photo evidence & signatures",
    "Team onboarding checklist",
    "Single sign-on (SAML)",
    "Audit log export",
    "Role-based permissions",
    "Data residency (EU)",
    "Sync engine rewrite",
    "Crash reporting & alerts",
    "Accessibility pass (WCAG 2.2)",
    "Polish localisation — Łatwe faktury",
    "Greek localisation — Ελληνικά",
    "Ukrainian localisation — Українська",
    "Xero integration",
    "QuickBooks integration",
    "Google Calendar two-way sync",
    "Public API v1",
    "Zapier connector",
    "Recurring maintenance contracts",
    "Technician time tracking",
    "Customer self-service portal",
    "Quote builder",
    "Dark mode 🌙",
    "Reporting dashboards",
    "Performance budget for 10k jobs",
)

LABELS = (
    ("bug", "#D32F2F"),
    ("frontend", "#1976D2"),
    ("backend", "#388E3C"),
    ("UX", "#7B1FA2"),
    ("🔥 hotfix", "#F57C00"),
    ("tech debt", "#616161"),
    ("i18n", "#00897B"),
)

CHECKLIST = (
    "Acceptance criteria agreed", "Design reviewed", "Unit tests", "Docs updated",
    "QA sign-off", "Feature flag removed",
)

MAIN_COLUMNS = (
    # name, kind, WIP limit, hard limit, share of the tasks
    ("Backlog", "todo", None, False, 0.40),
    ("Ready", "todo", 12, False, 0.07),
    ("In progress", "doing", 6, False, 0.05),
    ("Review", "doing", 4, True, 0.03),
    ("Done", "done", None, False, 0.45),
)

MILESTONES = (
    ("Beta for pilot customers", 1),
    ("GA launch 🚀", 3),
    ("Enterprise pilot", 5),
    ("Konferencja Kraków", 7),
    ("Year-end review", 10),
)

SECOND_PRODUCT = {
    "name": "Księga — Ledger",
    "tagline": "Bookkeeping for one-person businesses, in Polish and English",
    "vision": "Freelancers close their month in ten minutes, not ten hours.",
    "problem": "Sole traders pay an accountant for work a good tool could do.",
    "target_customers": "Freelancers and sole traders (JDG) in Poland.",
    "value_proposition": "Scan a receipt, get the entry; file JPK and VAT from the phone.",
    "success_metrics": "Paying users; months closed on time.",
    "not_doing": "No payroll. No multi-entity groups.",
}

SECOND_GOALS = (("Zaufanie (trust)", "#00838F", "NPS", "50+"), ("Wzrost", "#C62828", "MRR", "€40k"))
SECOND_LANES = ("App", "Compliance")
SECOND_INITIATIVES = (
    "Skanowanie paragonów (receipt OCR)",
    "JPK_V7 filing",
    "KSeF e-invoices",
    "Bank feed (PSD2)",
    "English UI",
    "Tax calendar reminders",
)

# Why the sample's initiatives slipped, as a product manager would write it.
SLIP_REASONS = (
    "Payment provider's sandbox was down for two weeks",
    "Two engineers moved to the security audit",
    "Design review asked for a second usability round",
    "Waiting on the legal sign-off for the new terms",
    "Scope grew: the pilot customer needs SSO first",
    "Vendor API came late and changed its contract",
    "Holiday season: half the team away",
    "Performance tests failed at 10k users; reworking the queue",
    "Blocked by the data migration on the reporting side",
    "Hiring for the mobile lead took longer than planned",
)
