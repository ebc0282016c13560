"""Card titles for the sample board, written the way a team writes them."""

import random

# One tuple per sample initiative, in the order of ``demo_content.INITIATIVES``.
BY_INITIATIVE: tuple[tuple[str, ...], ...] = (
    (  # Offline job sheets
        "Cache today's job sheets when the app goes to background",
        "Show a banner when edits are waiting to upload",
        "Job notes typed offline vanish after a crash",
        "Queue photos taken offline and upload on Wi-Fi only",
        "Decide what wins when office and technician edit the same job",
        "Offline mode: spike on SQLite storage quota on older Androids",
    ),
    (  # Smart dispatch board
        "Drag a job onto a technician's row to assign it",
        "Dispatcher sees double-booked slots in red",
        "Filter the dispatch board by skill (gas, electrical)",
        "Unassigned jobs column scrolls past the fold",
        "Keyboard shortcut to move a job to tomorrow",
        "Show travel time between consecutive jobs",
    ),
    (  # Route optimisation
        "Evaluate OSRM vs. Google Directions cost for 50 vans",
        "Reorder a technician's day by shortest route",
        "Respect customer time windows in the route solver",
        "Route map freezes with more than 40 stops",
        "Let the dispatcher pin a job so the solver keeps it",
        "Estimate arrival time and show it on the job card",
    ),
    (  # Parts inventory on the van
        "Scan a barcode to take a part from van stock",
        "Low-stock warning per van",
        "Transfer parts between vans",
        "Import the parts catalogue from the supplier CSV",
        "Parts used on a job appear on the invoice",
        "Stock count goes negative after two quick scans",
    ),
    (  # Customer SMS reminders
        "Send a reminder SMS the evening before the visit",
        "“On my way” message with a live ETA link",
        "Customers can reply STOP to opt out",
        "SMS templates per company, with placeholders",
        "Greek characters count double in the SMS length check",
        "Delivery report from the SMS gateway shown on the job",
    ),
    (  # Invoice on site
        "Generate the invoice PDF on the phone",
        "Card payment through the Stripe terminal",
        "Customer signs the invoice on screen",
        "VAT breakdown rounds differently from the accounting export",
        "Email the invoice straight after the job is closed",
        "Invoice numbering survives two phones offline at once",
    ),
    (  # Photo evidence & signatures
        "Attach before/after photos to a job",
        "Compress photos to under 500 kB before upload",
        "Signature pad lags on low-end tablets",
        "Stamp photos with date and GPS position",
        "Photo gallery in the office job view",
    ),
    (  # Team onboarding checklist
        "First-run checklist for a new company account",
        "Invite technicians by SMS link",
        "Sample jobs so a new team sees a full day",
        "Track which onboarding steps teams skip",
        "Empty dispatch board explains what to do first",
    ),
    (  # Single sign-on (SAML)
        "SAML login with Azure AD",
        "SAML login with Google Workspace",
        "Just-in-time user creation from SAML attributes",
        "Enforce SSO for all users of a company",
        "Login loop when the IdP clock is two minutes ahead",
    ),
    (  # Audit log export
        "Record who changed a job's price and when",
        "Export the audit log as CSV for a date range",
        "Audit entries for permission changes",
        "Audit log page paginates past 10,000 rows",
    ),
    (  # Role-based permissions
        "Dispatcher role cannot see invoices",
        "Technicians only see their own jobs",
        "Permission matrix screen for company admins",
        "Migrate existing users to the default roles",
        "API tokens respect the role of their owner",
    ),
    (  # Data residency (EU)
        "Provision the eu-central database cluster",
        "Move EU customers' photo storage to Frankfurt",
        "Document where each kind of data is stored",
        "Backups for EU tenants stay in the EU region",
    ),
    (  # Sync engine rewrite
        "Replace polling with a change feed",
        "Conflict resolution for checklist items",
        "Sync stalls after the phone changes time zone",
        "Measure battery drain of background sync",
        "Incremental sync for the job list",
        "Load test: 500 phones syncing at 8 am",
    ),
    (  # Crash reporting & alerts
        "Send crash reports with the last 50 log lines",
        "Alert on-call when crash-free sessions drop below 99.5 %",
        "Symbolicate iOS crash reports in CI",
        "Crash on Android 9 when the camera permission is denied",
    ),
    (  # Accessibility pass (WCAG 2.2)
        "Screen reader labels for the job card buttons",
        "Colour contrast of status chips fails AA",
        "Focus order in the invoice form",
        "Dynamic type: job titles truncate at 200 %",
        "Tap targets smaller than 24 px on the toolbar",
    ),
    (  # Polish localisation
        "Tłumaczenie ekranu zleceń",
        "Polish plural forms in job counters",
        "Faktura z NIP nabywcy i stawką 23 %",
        "Date format dd.mm.rrrr across the app",
        "Review Polish strings with a native speaker",
    ),
    (  # Greek localisation
        "Μετάφραση της οθόνης πελατών",
        "Greek sorting of customer names",
        "Invoice layout for Greek VAT (ΦΠΑ)",
        "Accented capitals in the Greek menu",
    ),
    (  # Ukrainian localisation
        "Переклад екрана розкладу",
        "Ukrainian keyboard in the search field",
        "Check string lengths in Ukrainian buttons",
        "Cyrillic names in the PDF invoice",
    ),
    (  # Xero integration
        "Connect a Xero organisation with OAuth",
        "Push paid invoices to Xero",
        "Map job types to Xero account codes",
        "Xero token refresh fails after 60 days",
        "Sync Xero contacts into customers",
    ),
    (  # QuickBooks integration
        "QuickBooks Online OAuth connection",
        "Push invoices to QuickBooks with tax codes",
        "Handle QuickBooks rate limits (HTTP 429)",
        "Customer matching by email between QuickBooks and us",
    ),
    (  # Google Calendar two-way sync
        "Show jobs in the technician's Google Calendar",
        "Calendar event moved by the technician moves the job",
        "Watch channel renewal for calendar webhooks",
        "Duplicate events after reconnecting the calendar",
    ),
    (  # Public API v1
        "Jobs endpoint with cursor pagination",
        "API keys per company with scopes",
        "OpenAPI spec published on the docs site",
        "Rate limiting per API key",
        "Webhooks for job created and job closed",
        "Pagination skips a job when two share a timestamp",
    ),
    (  # Zapier connector
        "Zapier trigger: new job created",
        "Zapier action: create a customer",
        "Submit the Zapier app for review",
        "Zapier sample data for the job trigger",
    ),
    (  # Recurring maintenance contracts
        "Create a yearly boiler service contract",
        "Generate jobs from contracts 30 days ahead",
        "Contract renewal reminder to the customer",
        "Skip a contract visit without breaking the schedule",
    ),
    (  # Technician time tracking
        "Start and stop a timer on the job",
        "Timesheet view per technician and week",
        "Travel time counted separately from work time",
        "Export timesheets for payroll as CSV",
        "Timer keeps running after the job is closed",
    ),
    (  # Customer self-service portal
        "Customers book a visit from a link",
        "Portal shows past invoices and payments",
        "Reschedule a visit from the portal",
        "Magic-link login for the portal",
    ),
    (  # Quote builder
        "Build a quote from price-list items",
        "Convert an accepted quote into a job",
        "Quote totals ignore the discount line",
        "Send the quote as a PDF with an accept button",
    ),
    (  # Dark mode
        "Dark palette for the mobile app",
        "Map tiles in dark mode",
        "Follow the system dark-mode setting",
        "Status colours readable on dark backgrounds",
    ),
    (  # Reporting dashboards
        "Jobs completed per technician per week",
        "Revenue by job type chart",
        "Days from job done to invoice paid",
        "Dashboard filters by region",
        "Schedule a weekly report email",
    ),
    (  # Performance budget for 10k jobs
        "Job list renders 10,000 jobs without jank",
        "Profile the dispatch board with 200 technicians",
        "Index jobs by scheduled date",
        "Cold start under two seconds on a mid-range Android",
    ),
)

# Cards that belong to no initiative: the day-to-day of a product team.
GENERAL: tuple[str, ...] = (
    "Upgrade React Native to the current release",
    "Flaky end-to-end test: login with remembered email",
    "Renew the Apple push notification certificate",
    "Support ticket: customer cannot reset password",
    "Bump the minimum Android version to 8",
    "Clean up unused feature flags",
    "Update the privacy policy for the new SMS provider",
    "CI takes 25 minutes: split the test job",
    "Release notes for the October update",
    "App Store screenshots for the new dispatch board",
    "Sentry quota ran out on Sunday",
    "Typo in the password reset email",
    "Dependency audit: two high-severity advisories",
    "Timezone bug in the weekly report for Athens",
    "Investigate slow login for one enterprise tenant",
    "Move staging to the new Postgres version",
    "Customer interview notes: Kraków plumbing co-op",
    "Pricing page copy for the annual plan",
    "Accessibility statement for the website",
    "Rotate the database credentials",
    "Archive old S3 buckets from the 2023 pilot",
    "Document the release checklist",
    "Broken link in the onboarding email",
    "Crash in the settings screen on iPad split view",
)

# The small Polish bookkeeping product.
SECOND: tuple[str, ...] = (
    "Rozpoznawanie NIP na paragonie",
    "Zdjęcie paragonu przycięte za mocno",
    "Eksport JPK_V7M do pliku XML",
    "Walidacja JPK przed wysyłką",
    "Logowanie do KSeF tokenem",
    "Pobieranie faktur zakupowych z KSeF",
    "Połączenie z mBankiem przez PSD2",
    "Automatyczne dopasowanie przelewów do faktur",
    "English translation of the settings screen",
    "Currency format in English UI",
    "Przypomnienie o terminie VAT (25. dnia miesiąca)",
    "Kalendarz podatkowy: ZUS do 20.",
    "Błąd zaokrąglenia VAT przy 8 %",
    "Nowy szablon faktury z logo",
    "Import kontrahentów z CSV",
    "Powiadomienie push o nowej fakturze w KSeF",
    "Testy na iOS 17",
    "Polityka prywatności — aktualizacja",
    "Ekran podsumowania miesiąca",
    "Onboarding: wybór formy opodatkowania",
)

_REPEATS = (" — follow-up", " (Android)", " (iOS)", " (web)", " — second pass")
_DESCRIPTIONS = (
    "Acceptance: works offline and after an app restart. Screenshots in the thread.",
    "Reported by two pilot customers. Steps to reproduce are in the support ticket.",
    "Agreed in Tuesday's planning. Keep the change small; a follow-up can polish it.",
    "Needs a design review before it goes to QA.",
    "Measure before and after; add the numbers to this card.",
    "",
)


class TitlePicker:
    """Hand out titles per initiative without repeating one before its list runs out."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.queues: dict[int | None, list[str]] = {}
        self.rounds: dict[int | None, int] = {}

    def next(self, initiative_index: int | None, *, pool: tuple[str, ...] | None = None) -> str:
        key = None if initiative_index is None else initiative_index % len(BY_INITIATIVE)
        queue = self.queues.setdefault(key, [])
        if not queue:
            queue += pool or (GENERAL if key is None else BY_INITIATIVE[key])
            self.rng.shuffle(queue)
            self.rounds[key] = self.rounds.get(key, -1) + 1
        title = queue.pop()
        repeat = self.rounds[key]
        if repeat == 0:
            return title
        return title + (_REPEATS[repeat - 1] if repeat <= len(_REPEATS) else f" ({repeat + 1})")

    def description(self) -> str:
        return self.rng.choice(_DESCRIPTIONS)
