import type { Catalogue } from "../en";

/** Le parole condivise del libretto: gradi di autonomia, stati e campi (le pagine aggiungono le proprie). */
export const logbook: Catalogue["logbook"] = {
  degrees: {
    support: "Attività di appoggio (osservazione)",
    collaboration: "Attività di collaborazione, sotto diretta supervisione",
    autonomy: "Attività autonoma, secondo le direttive del tutor",
  },
  degreesShort: { support: "Appoggio", collaboration: "Collaborazione", autonomy: "Autonomia" },
  statuses: { pending: "In attesa di certificazione", certified: "Certificata", returned: "Restituita" },
  fields: {
    activityId: "Attività",
    date: "Giorno",
    count: "Numero",
    degree: "Grado di autonomia",
    tutorId: "Tutor che supervisiona",
    departmentId: "Struttura",
    note: "Nota",
    caseRef: "Riferimento del caso",
    status: "Stato",
    returnReason: "Motivo della restituzione",
    decidedById: "Deciso da",
    decidedAt: "Deciso il",
    countersignedAt: "Controfirmato",
    reopenedAt: "Riaperto",
    reopenReason: "Motivo della riapertura",
    version: "Versione",
    validFrom: "In vigore dal",
    activities: "Attività",
    reason: "Motivo",
  },
  months: "Mesi",
  entriesCount_one: "{{count}} attività",
  entriesCount_other: "{{count}} attività",
  monthStates: {
    open: "Aperto",
    awaits: "Tutte le attività certificate: attende la controfirma dello specializzando",
    closed: "Chiuso e controfirmato",
    reopened: "Riaperto: {{reason}}",
  },
  tutorLine: "Tutor: {{name}}",
  certifiedBy: "Certificata da {{name}} il {{date}}",
  returnedBecause: "Restituita: {{reason}}",
  outsideRotation:
    "Questo giorno non cade più in una rotazione dello specializzando in questo reparto (la rotazione è stata spostata, accorciata o annullata): da verificare.",
};
