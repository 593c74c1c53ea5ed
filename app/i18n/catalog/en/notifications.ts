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
  /** The bell in the header, and /notifications. */
  bell: {
    label: "Notifications",
    labelUnread: "Notifications, {{count}} unread",
  },
  list: {
    title: "Notifications",
    intro: "What the portal has told you, newest first. Opening one marks it as read and takes you to its page.",
    listLabel: "Your notifications",
    unread_one: "{{count}} unread",
    unread_other: "{{count}} unread",
    allRead: "Everything is read.",
    empty: "You have no notifications yet. The portal will tell you here when something needs you.",
    new: "New",
    read: "Read",
    markRead: "Mark as read",
    markAllRead: "Mark all as read",
    markedRead: "Marked as read.",
    allMarked: "All your notifications are marked as read.",
    preferences: "Choose your e-mails",
  },
  /** /notifications/preferences, and its card on /profile. */
  preferences: {
    title: "Notification e-mails",
    intro:
      "Every notification appears in the portal, under the bell. For each kind, choose how its e-mails reach you: at once, gathered in a daily or weekly digest, or not at all.",
    security:
      "Security messages (a link to choose your password, a changed password) always arrive by e-mail at once: they cannot be turned off.",
    alwaysOn: "Always by e-mail at once",
    nothingToChoose: "None of your roles receives other kinds of notification.",
    saved: "Your notification preferences are saved.",
    categoryInvalid: "This form names a kind of notification you cannot choose. Reload the page and try again.",
    modeInvalid: "Choose one of the ways offered.",
    back: "Back to notifications",
    profileTitle: "Notifications",
    profileIntro: "Choose how the portal's notifications reach you by e-mail.",
    profileLink: "Notification e-mails",
  },
  /** /unsubscribe/<token>: the link at the foot of every e-mail but the security ones. */
  unsubscribe: {
    title: "Stop e-mails",
    question: "Stop e-mails about “{{category}}”?",
    explain:
      "These notifications will still appear in the portal, under the bell. You can change this at any time in your notification preferences.",
    already: "You already receive no e-mails about “{{category}}”: they appear in the portal only.",
    confirm: "Stop these e-mails",
    doneTitle: "E-mails stopped",
    done: "You will no longer receive e-mails about “{{category}}”. These notifications stay in the portal.",
    preferencesLink: "Choose your e-mails in your notification preferences",
    invalidTitle: "This link is not valid",
    invalid:
      "This unsubscribe link is not valid: it may have been copied incompletely, or its account no longer exists. Nothing has been changed. Sign in to choose your e-mails in your notification preferences.",
  },
};
