import type { Catalogue } from "../en";

/** Ciò che tutte le pagine delle valutazioni condividono: i campi della scheda, i problemi, gli stati. */
export const evaluationFields: Catalogue["evaluationFields"] = {
  required: "obbligatoria",
  optional: "facoltativa",
  yes: "Sì",
  no: "No",
  notAnswered: "Nessuna risposta",
};

export const evaluations: Catalogue["evaluations"] = {
  answerProblems: {
    required: "Rispondi a questa domanda.",
    outOfScale: "Scegli uno dei punti della scala.",
    yesOrNo: "Scegli sì o no.",
    tooLong: "Scrivi al massimo 2.000 caratteri.",
  },
  formProblems: {
    noItems: "Una scheda ha almeno una domanda.",
    tooManyItems: "Una scheda ha al massimo 40 domande.",
    badKey: "Ogni domanda ha una chiave breve: lettere minuscole, cifre e trattini, che inizia con una lettera.",
    duplicateKey: "Due domande hanno la stessa chiave.",
    badType: "Una domanda è una scala di giudizio, un sì/no o un testo.",
    badLabel: "Ogni domanda ha il testo in italiano e in inglese (al massimo 300 caratteri).",
    badScale: "Una scala di giudizio ha da 2 a 10 punti con un'etichetta ciascuno, lo stesso numero nelle due lingue.",
  },
  noSuchProgramme: "Scegli una scuola dall'elenco.",
  states: {
    upcoming: "Non ancora aperta",
    due: "Da compilare",
    overdue: "In ritardo",
    done: "Fatta",
    withdrawn: "Ritirata",
  },
  kinds: {
    "tutor-resident": "Il tutor valuta lo specializzando",
    "resident-rotation": "Lo specializzando valuta il periodo e il tutor",
  },
};

export const evaluationOverview: Catalogue["evaluationOverview"] = {
  title: "Valutazioni",
  intro:
    "Le valutazioni dei periodi terminati in un intervallo: quelle dei tutor sugli specializzandi e quelle riservate degli specializzandi sui periodi. Ogni numero porta ai suoi periodi.",
  results: "Risultati pubblicati degli specializzandi",
  forms: "Schede",
  periodLabel: "Periodi terminati",
  from: "Terminati dal",
  to: "al",
  currentYear: "Anno accademico {{year}}",
  invalidPeriod: "Scegli i due giorni dell'intervallo, il primo prima del secondo.",
  periodIncomplete: "Indica entrambi i giorni, o nessuno per l'anno accademico in corso.",
  periodOrder: "L'ultimo giorno viene prima del primo.",
  totalTitle: "Periodi terminati dal {{from}} al {{to}}",
  confidential:
    "Delle valutazioni degli specializzandi il portale sa solo chi ha risposto, mai che cosa: le risposte sono conservate a parte e mostrate solo come risultati pubblicati, da 5 risposte.",
  groupings: "Raggruppa",
  by: { programme: "Per scuola", department: "Per struttura", tutor: "Per tutor" },
  group: { programme: "Scuola", department: "Struttura", tutor: "Tutor" },
  caption: "Valutazioni {{grouping}}, periodi terminati dal {{from}} al {{to}}",
  figures: {
    "tutor-due": "Valutazioni dei tutor da fare",
    "tutor-overdue": "Valutazioni dei tutor in ritardo",
    "tutor-done": "Valutazioni dei tutor firmate",
    "resident-due": "Valutazioni degli specializzandi da fare",
    "resident-overdue": "Valutazioni degli specializzandi in ritardo",
    "resident-done": "Valutazioni degli specializzandi inviate",
  },
  noTutor: "Nessun tutor",
  removed: "(eliminato)",
  total: "Totale",
  rotations: {
    title: "Valutazioni",
    intro: "Periodi terminati dal {{from}} al {{to}}.",
    back: "Torna al riepilogo",
    resident: "Specializzando",
    department: "Struttura",
    tutor: "Tutor",
    dates: "Periodo",
    due: "Entro il",
    state: "Stato",
  },
};

export const evaluationForms: Catalogue["evaluationForms"] = {
  title: "Schede di valutazione",
  intro:
    "L'ospedale ha una scheda per le valutazioni dei tutor sugli specializzandi, che una scuola può sostituire con la propria, e una scheda per le valutazioni dei periodi da parte degli specializzandi, uguale per tutte le scuole perché i risultati di un tutor si sommino.",
  settingsLink: "Quando si aprono le valutazioni",
  back: "Torna alle valutazioni",
  caption: "Schede di valutazione",
  kind: "Scheda",
  for: "Usata da",
  hospital: "Tutto l'ospedale",
  version: "Versione",
  items: "Domande",
  noSuchKind: "Questo tipo di scheda non esiste.",
  defaults: "quelle predefinite",
  programmeHint: "Per dare a una scuola una scheda propria per le valutazioni dei tutor, apri la pagina della scuola.",
  created: "La scuola ha ora una scheda propria, copia di quella dell'ospedale: modificala qui.",
  programmeCard: "Scheda di valutazione dei tutor",
  programmeUsesHospital: "I tutor di questa scuola compilano la scheda dell'ospedale.",
  programmeUsesOwn: "Questa scuola ha una scheda propria.",
  programmeOpen: "Apri la scheda",
  programmeCreate: "Dai alla scuola una scheda propria",
  types: { rating: "Giudizio su una scala", yesno: "Sì o no", text: "Testo libero" },
  edit: {
    title: "Modifica la scheda",
    back: "Tutte le schede",
    answered:
      "La versione {{version}} ha risposte: salvando si crea la versione {{version}} + 1, e le risposte già date restano sulle domande a cui rispondevano.",
    unanswered: "Nessuno ha ancora risposto alla versione {{version}}: salvando la modifichi.",
    item: "Domanda {{number}}",
    newItem: "Nuova domanda (lasciala vuota per non aggiungerne)",
    key: "Chiave",
    keyHint:
      "La chiave identifica una domanda tra le versioni: mantienila quando riformuli una domanda, perché i risultati si sommino; una chiave nuova è una domanda nuova. Lettere minuscole, cifre e trattini.",
    type: "Tipo di risposta",
    labelIt: "Domanda in italiano",
    labelEn: "Domanda in inglese",
    scaleIt: "Scala in italiano (solo giudizi)",
    scaleEn: "Scala in inglese (solo giudizi)",
    scaleHint: "La scala di un giudizio: un punto per riga, dal più basso al più alto, lo stesso numero nelle due lingue (da 2 a 10).",
    required: "Risposta obbligatoria",
    remove: "Elimina questa domanda",
    save: "Salva la scheda",
    saved: {
      none: "Nulla è cambiato.",
      update: "La scheda è salvata (versione {{version}}).",
      "new-version": "La scheda è salvata come versione {{version}}: le risposte precedenti restano sulla loro versione.",
    },
  },
  settings: {
    title: "Valutazioni",
    explanation:
      "Le due valutazioni di un periodo si aprono alcuni giorni prima della fine (il primo giorno, se il periodo è più breve) e vanno fatte entro alcuni giorni dopo. Le risposte degli specializzandi sono raccolte per intervallo e pubblicate quando l'intervallo si è chiuso.",
    now: "Ora: si aprono {{open}} giorni prima della fine, vanno fatte entro {{due}} giorni dopo, risultati per {{period}}.",
    openDays: "Giorni prima della fine in cui si aprono",
    dueDays: "Giorni dopo la fine entro cui vanno fatte",
    period: "Risposte degli specializzandi pubblicate per",
    periods: { year: "anno accademico", half: "semestre accademico" },
    openDaysInvalid: "Scegli un numero intero di giorni da 0 a 90.",
    dueDaysInvalid: "Scegli un numero intero di giorni da 1 a 90.",
    periodInvalid: "Scegli anno o semestre.",
    saved: "Le impostazioni delle valutazioni sono salvate.",
  },
};
