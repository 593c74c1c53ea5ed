import type { Catalogue } from "../en";

/** Notifiche: i testi (gli stessi nel portale e nelle e-mail), le categorie e i modi di recapito. */
export const notifications: Catalogue["notifications"] = {
  kinds: {
    "password-link": "Scegli la tua password per il Portale degli specializzandi",
    "password-changed": "La tua password è stata cambiata",
    "agreement-ending": "La convenzione con {{university}} scade tra {{days}} giorni, il {{endDate, date}}",
    "agreement-expired": "La convenzione con {{university}} è scaduta il {{endDate, date}}",
    "rotations-broken_one": "{{count}} rotazione non rispetta più le regole dopo una modifica",
    "rotations-broken_other": "{{count}} rotazioni non rispettano più le regole dopo una modifica",
    "mail-refused": "Il server di posta ha rifiutato l'indirizzo di {{name}} ({{email}})",
    "mail-failed": "Non è stato possibile recapitare un'e-mail a {{name}}",
    "rotation-starting": "La tua rotazione in {{department}} inizia il {{startDate, date}}",
    "rotation-changed": "La tua rotazione in {{department}} è cambiata: {{startDate, date}} – {{endDate, date}}",
    "rotation-cancelled": "La tua rotazione in {{department}} dal {{startDate, date}} è stata annullata",
    "insurance-expiring": "La tua polizza assicurativa scade il {{endDate, date}}",
    "residents-arriving_one": "{{count}} specializzando arriva in {{department}} il {{startDate, date}}",
    "residents-arriving_other": "{{count}} specializzandi arrivano in {{department}} dal {{startDate, date}}",
    "attendance-to-confirm": "Conferma le presenze di «{{title}}» ({{date, date}})",
    "logbook-waiting_one": "{{count}} attività del libretto attende la tua certificazione da oltre una settimana",
    "logbook-waiting_other": "{{count}} attività del libretto attendono la tua certificazione da oltre una settimana",
    "logbook-returned": "Il tutor ti ha restituito un'attività del libretto: {{activity}}, {{date, date}}",
  },
  categories: {
    security: "Sicurezza (il tuo account)",
    agreements: "Convenzioni in scadenza",
    rotations: "Rotazioni",
    insurance: "Assicurazione",
    attendance: "Presenze da confermare",
    logbook: "Libretto",
    delivery: "Problemi di recapito delle e-mail",
  },
  modes: {
    immediate: "Per e-mail, subito",
    daily: "In un riepilogo giornaliero",
    weekly: "In un riepilogo settimanale",
    portal: "Solo nel portale",
  },
};
