// Who an English entry's work is with, and what was done with them. The labelling guide decides user against business
// (and against product or activity) by the counterpart: individual users and user groups are user ops, organisations
// (sponsors, publishers, banks, other apps) business ops; "called 6 merchants", "QBR with the account", "renewed the
// sponsor" say it by a noun the n-grams have often never seen next to that verb in training. Families are of two
// sorts: kinds of counterpart (individuals, organisations, suppliers) and verbs done with one (contact, dealing). They
// have no feature of their own: each kind found together with each verb family in one English entry is one lexicon
// feature (a pair feature, featurizer.ts), so the model learns what a call to an individual or a deal with an
// organisation means for the role and the stage. Cues come from GUIDE.md's role table and settled calls and from the
// seed article's roles (user ops "和用户变成朋友"; business ops "搞定一个B端机构"), never from evaluation lines.
// English only: Chinese n-grams carry these words (商家, 机构, 回访) already. Plurals and verb forms are also matched
// by the tokenizer's stemming ("merchants" → merchant, "called" → call).
export interface CounterpartFamily {
  /** A name for the family (documentation and tests; the model knows a family by its position). */
  key: string;
  cues: readonly string[];
}

export const COUNTERPARTS: readonly CounterpartFamily[] = [
  // Individual users and the people a user team looks after one by one.
  { key: "individuals", cues: [
    "customer", "customers", "user", "users", "learner", "learners", "student", "students", "member", "members",
    "subscriber", "subscribers", "buyer", "buyers", "player", "players", "guest", "guests", "patient", "patients",
    "parent", "parents", "donor", "donors", "supporter", "supporters", "fan", "fans", "trainee", "trainees",
    "power users", "top spenders", "spenders", "whales", "VIP", "VIPs", "admin", "admins", "teacher", "teachers",
    "volunteer", "volunteers", "alumni", "graduates", "account", "accounts", "account admins", "champion users",
    "individually", "personally",
  ] },
  // Organisations: partners, sponsors and other businesses dealt with as a whole.
  { key: "organisations", cues: [
    "partner", "partners", "sponsor", "sponsors", "vendor", "vendors", "agency", "agencies", "publisher",
    "publishers", "school", "schools", "university", "universities", "college", "colleges", "clinic", "clinics",
    "hospital", "hospitals", "company", "companies", "startup", "startups", "organisation", "organization",
    "organisations", "organizations", "foundation", "bank", "banks", "OEM", "distributor", "reseller", "resellers",
    "supplier", "suppliers", "chain", "franchise", "brand", "brands", "retail partner", "department store",
    "coworking", "gym", "gyms", "hotel", "hotels", "podcast", "newsletter", "nonprofit", "NGO", "employer",
    "employers", "corporate", "enterprise", "marketplace", "app directory", "association",
  ] },
  // The supply side of a marketplace and creators: people who work with the platform, not only use it.
  { key: "suppliers", cues: [
    "merchant", "merchants", "seller", "sellers", "host", "hosts", "driver", "drivers", "rider partners",
    "restaurant", "restaurants", "store", "stores", "shop", "shops", "retailer", "retailers", "tradie", "tradies",
    "freelancer", "freelancers", "creator", "creators", "influencer", "influencers", "KOL", "KOLs", "streamer",
    "streamers", "YouTubers", "tutor", "tutors", "coach", "coaches", "instructor", "instructors", "agent", "agents",
    "operator", "operators", "landlord", "landlords", "provider", "providers", "pro", "pros",
  ] },
  // Contact with a counterpart: calls, messages, meetings, visits, follow-ups.
  { key: "contact", cues: [
    "call", "called", "calls", "calling", "phone", "phoned", "email", "emailed", "DM", "DMs", "DMed", "message",
    "messaged", "texted", "WhatsApp", "visit", "visited", "follow up", "followed up",
    "follow-up", "reach out", "reached out", "outreach", "spoke", "speak", "talk", "talked", "chat", "chatted",
    "catch-up", "caught up", "sync", "synced", "QBR", "ping", "pinged", "nudge", "nudged", "contacted", "contact",
    "one-on-one", "intro call", "kickoff", "walked through", "meet", "met",
  ] },
  // Dealing with a counterpart: bringing it on, agreeing terms, renewing.
  { key: "dealing", cues: [
    "onboarded", "onboard", "signed", "sign up", "renewed", "renewal", "renew", "agreed", "agreement", "negotiated",
    "negotiate", "contract", "terms", "proposal", "pitched", "pitch", "deal", "closed", "recruited", "recruit",
    "activated", "helped", "trained", "set up", "kicked off", "secured", "confirmed", "introduced", "intro",
  ] },
];

const VERB_KEYS: readonly string[] = ["contact", "dealing"];
/** The families of things done with a counterpart (by index in COUNTERPARTS)... */
export const COUNTERPART_VERBS = COUNTERPARTS.map((_, k) => k).filter((k) => VERB_KEYS.includes(COUNTERPARTS[k].key));
/** ...and the kinds of counterpart: each kind met with each verb family in one entry is a pair feature. */
export const COUNTERPART_KINDS = COUNTERPARTS.map((_, k) => k).filter((k) => !VERB_KEYS.includes(COUNTERPARTS[k].key));
