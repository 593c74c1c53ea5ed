/** What every evaluation page shares: the form's fields, the problems of answers and forms, states, settings. */
export const evaluationFields = {
  required: "required",
  optional: "optional",
  yes: "Yes",
  no: "No",
  notAnswered: "Not answered",
};

export const evaluations = {
  answerProblems: {
    required: "Answer this question.",
    outOfScale: "Choose one of the points of the scale.",
    yesOrNo: "Choose yes or no.",
    tooLong: "Write at most 2,000 characters.",
  },
  formProblems: {
    noItems: "A form needs at least one question.",
    tooManyItems: "A form has at most 40 questions.",
    badKey: "Each question needs a short key: lower-case letters, digits and hyphens, starting with a letter.",
    duplicateKey: "Two questions have the same key.",
    badType: "A question is a rating, a yes/no or a text.",
    badLabel: "Each question needs its wording in Italian and in English (at most 300 characters).",
    badScale: "A rating needs 2 to 10 labelled points, the same number in both languages.",
  },
  noSuchProgramme: "Choose a programme from the list.",
  states: {
    upcoming: "Not open yet",
    due: "Due",
    overdue: "Overdue",
    done: "Done",
    withdrawn: "Withdrawn",
  },
  kinds: {
    "tutor-resident": "Tutor evaluates resident",
    "resident-rotation": "Resident evaluates rotation and tutor",
  },
};

/** /admin/evaluations: how many evaluations are due, overdue and done, and the rotations behind each figure. */
export const evaluationOverview = {
  title: "Evaluations",
  intro:
    "The evaluations of the rotations that ended in a period: the tutors' evaluations of their residents, and the residents' confidential evaluations of their rotations. Each figure leads to its rotations.",
  results: "Residents' released results",
  forms: "Forms",
  periodLabel: "Rotations that ended",
  from: "Ended from",
  to: "to",
  currentYear: "Academic year {{year}}",
  invalidPeriod: "Choose both days of the period, the first before the second.",
  periodIncomplete: "Give both days of the period, or neither for the current academic year.",
  periodOrder: "The last day comes before the first.",
  totalTitle: "Rotations that ended from {{from}} to {{to}}",
  confidential:
    "For the residents' evaluations the portal knows only who has answered, never what: their answers are kept apart and shown only as released results, from 5 answers.",
  groupings: "Group by",
  by: { programme: "By programme", department: "By department", tutor: "By tutor" },
  group: { programme: "Programme", department: "Department", tutor: "Supervising tutor" },
  caption: "Evaluations {{grouping}}, rotations that ended from {{from}} to {{to}}",
  figures: {
    "tutor-due": "Tutors' evaluations due",
    "tutor-overdue": "Tutors' evaluations overdue",
    "tutor-done": "Tutors' evaluations signed",
    "resident-due": "Residents' evaluations due",
    "resident-overdue": "Residents' evaluations overdue",
    "resident-done": "Residents' evaluations submitted",
  },
  noTutor: "No supervising tutor",
  removed: "(removed)",
  total: "Total",
  rotations: {
    title: "Evaluations",
    intro: "Rotations that ended from {{from}} to {{to}}.",
    back: "Back to the overview",
    resident: "Resident",
    department: "Department",
    tutor: "Supervising tutor",
    dates: "Rotation",
    due: "Due by",
    state: "State",
  },
};

/** /admin/evaluations/forms and its editor, and the evaluations' settings on /admin/settings. */
export const evaluationForms = {
  title: "Evaluation forms",
  intro:
    "The hospital has one form for the tutors' evaluations of residents, which a programme may replace with its own, and one form for the residents' evaluations of their rotations, the same for every programme so that a tutor's results add up.",
  settingsLink: "When evaluations open",
  back: "Back to the evaluations",
  caption: "Evaluation forms",
  kind: "Form",
  for: "Used by",
  hospital: "The whole hospital",
  version: "Version",
  items: "Questions",
  noSuchKind: "That kind of form does not exist.",
  defaults: "the defaults",
  programmeHint: "To give a programme a form of its own for the tutors' evaluations, open the programme's page.",
  created: "The programme now has its own form, a copy of the hospital's: edit it here.",
  programmeCard: "Tutors' evaluation form",
  programmeUsesHospital: "This programme's tutors fill the hospital's form.",
  programmeUsesOwn: "This programme has its own form.",
  programmeOpen: "Open the form",
  programmeCreate: "Give it a form of its own",
  types: { rating: "Rating on a scale", yesno: "Yes or no", text: "Free text" },
  edit: {
    title: "Edit the form",
    back: "All forms",
    answered:
      "Version {{version}} has answers: saving makes version {{version}} + 1, and the answers already given keep the questions they were given on.",
    unanswered: "Nobody has answered version {{version}} yet: saving changes it.",
    item: "Question {{number}}",
    newItem: "New question (leave it blank to add none)",
    key: "Key",
    keyHint:
      "The key names a question across versions: keep it when you reword a question, so that results add up; a new key is a new question. Lower-case letters, digits and hyphens.",
    type: "Kind of answer",
    labelIt: "Question in Italian",
    labelEn: "Question in English",
    scaleIt: "Scale in Italian (ratings only)",
    scaleEn: "Scale in English (ratings only)",
    scaleHint: "A rating's scale: one point per line, from the lowest to the highest, the same number in both languages (2 to 10).",
    required: "An answer is required",
    remove: "Remove this question",
    save: "Save the form",
    saved: {
      none: "Nothing changed.",
      update: "The form is saved (version {{version}}).",
      "new-version": "The form is saved as version {{version}}: earlier answers keep their version.",
    },
  },
  settings: {
    title: "Evaluations",
    explanation:
      "Both evaluations of a rotation open some days before it ends (on its first day if it is shorter) and are due some days after. Residents' answers are gathered per period and released once the period has closed.",
    now: "Now: open {{open}} days before the end, due {{due}} days after it, results per {{period}}.",
    openDays: "Days before the end when they open",
    dueDays: "Days after the end when they are due",
    period: "Residents' answers released per",
    periods: { year: "academic year", half: "half academic year" },
    openDaysInvalid: "Choose a whole number of days from 0 to 90.",
    dueDaysInvalid: "Choose a whole number of days from 1 to 90.",
    periodInvalid: "Choose a year or a half-year.",
    saved: "The evaluations' settings are saved.",
  },
};
