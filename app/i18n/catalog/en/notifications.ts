/** Notifications: their texts (the same in the portal and in e-mails), categories and delivery modes. */
export const notifications = {
  /** One line per kind, written from the notification's values; the portal shows it, the e-mail's subject is it. */
  kinds: {
    "password-link": "Choose your password for the Residency Portal",
    "password-changed": "Your password was changed",
    "agreement-ending": "The agreement with {{university}} ends in {{days}} days, on {{endDate, date}}",
    "agreement-expired": "The agreement with {{university}} expired on {{endDate, date}}",
    "rotations-broken_one": "{{count}} rotation no longer meets the rules after a change",
    "rotations-broken_other": "{{count}} rotations no longer meet the rules after a change",
    "mail-refused": "The mail server refused the address of {{name}} ({{email}})",
    "mail-failed": "An e-mail to {{name}} could not be delivered",
    "rotation-starting": "Your rotation in {{department}} starts on {{startDate, date}}",
    "rotation-changed": "Your rotation in {{department}} changed: {{startDate, date}} – {{endDate, date}}",
    "rotation-cancelled": "Your rotation in {{department}} from {{startDate, date}} was cancelled",
    "insurance-expiring": "Your insurance policy expires on {{endDate, date}}",
    "residents-arriving_one": "{{count}} resident arrives in {{department}} on {{startDate, date}}",
    "residents-arriving_other": "{{count}} residents arrive in {{department}} from {{startDate, date}}",
    "attendance-to-confirm": "Confirm the attendance of “{{title}}” ({{date, date}})",
    "logbook-waiting_one": "{{count}} logbook entry has waited for your certification for over a week",
    "logbook-waiting_other": "{{count}} logbook entries have waited for your certification for over a week",
    "logbook-returned": "Your tutor returned an entry of your logbook: {{activity}}, {{date, date}}",
  },
  categories: {
    security: "Security (your account)",
    agreements: "Agreements ending",
    rotations: "Rotations",
    insurance: "Insurance",
    attendance: "Attendance to confirm",
    logbook: "Logbook",
    delivery: "E-mail delivery problems",
  },
  modes: {
    immediate: "By e-mail at once",
    daily: "In a daily digest",
    weekly: "In a weekly digest",
    portal: "In the portal only",
  },
};
