import type { Catalogue } from "../en";

/** La coda di certificazione del tutor (/tutor/logbook). */
export const logbookReview: Catalogue["logbookReview"] = {
  title: "Libretto da certificare",
  intro:
    "Le attività registrate dagli specializzandi che ti indicano come tutor, e tutte quelle delle strutture che dirigi, dalla più vecchia. Le attività certificate non si modificano più; restituiscine una con un motivo perché lo specializzando la corregga.",
  none: "Nulla attende la tua firma.",
  waiting_one: "{{count}} attività attende la tua firma.",
  waiting_other: "{{count}} attività attendono la tua firma.",
  resident: "Attività di {{name}}",
  month: "{{month}}",
  select: "Certifica questa attività",
  selectLabel: "{{activity}}, {{date}}",
  certifySelected: "Certifica le attività selezionate",
  certifyMonth: "Certifica tutto {{month}}",
  returnOne: "Restituisci con un motivo",
  reason: "Motivo",
  reasonHint: "Lo specializzando lo vede e corregge l'attività. Non scrivere mai chi è il paziente.",
  returnSubmit: "Restituisci allo specializzando",
  entryLine: "{{count}} × {{degree}}",
  note: "Nota",
  caseRef: "Caso",
  department: "Struttura",
  tutorLeft: "Il tutor indicato non fa più parte dello staff della struttura: decidi tu, come direttore.",
  outsideRotation:
    "Questo giorno non rientra più in una rotazione dello specializzando in questa struttura (la rotazione è stata spostata, accorciata o annullata): verificalo prima di certificare.",
  certified_one: "{{count}} attività certificata.",
  certified_other: "{{count}} attività certificate.",
  returned: "L'attività è stata restituita allo specializzando.",
  noneChosen: "Scegli almeno un'attività da certificare.",
  alreadyDecided:
    "Alcune di queste attività sono state certificate o restituite nel frattempo da qualcun altro: non è stato modificato nulla. L'elenco ora mostra ciò che è ancora in attesa.",
  reasonRequired: "Indica perché restituisci l'attività.",
  reasonIdentifies: "Il motivo non deve identificare un paziente: togli codici fiscali, nomi e date di nascita.",
  pendingCard: "Libretto",
  openQueue: "Apri le attività da certificare",
};
