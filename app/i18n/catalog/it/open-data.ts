import type { Catalogue } from "../en";

export const openData: Catalogue["openData"] = {
  nav: "Dati aperti",
  title: "Dati aperti",
  intro:
    "Ciò che {{hospital}} pubblica sulla formazione specialistica che ospita: le scuole di ogni università, le convenzioni in vigore oggi e i dati per anno accademico. Chiunque può leggerli, scaricarli e riutilizzarli, senza accedere.",
  privacy:
    "Nulla qui riguarda una persona: nessun nome, indirizzo e-mail o identificativo di specializzandi, tutor o direttori di scuola. I conteggi di specializzandi e di rotazioni da 1 a 4 sono indicati come “meno di 5”, perché nessuno sia riconoscibile; lo 0 è indicato com'è.",
  licence: {
    title: "Licenza e attribuzione",
    text: "Questi dati sono pubblicati con licenza Creative Commons Attribuzione 4.0 Internazionale: si possono copiare, condividere e modificare, per qualsiasi scopo, citandone la fonte.",
    link: "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)",
    attributionLabel: "Citateli così:",
    attribution:
      "Fonte: {{hospital}}, dati aperti sulla formazione specialistica (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/)",
  },
  programmes: {
    title: "Scuole ospitate",
    intro:
      "Le scuole di specializzazione di cui l'ospedale ospita gli specializzandi, per università e specialità, e i posti (specializzandi presenti contemporaneamente) che le convenzioni in vigore assegnano loro.",
    caption: "Scuole di specializzazione — {{university}}",
    specialty: "Specialità",
    duration: "Durata",
    years_one: "{{count}} anno",
    years_other: "{{count}} anni",
    posts: "Posti nelle convenzioni in vigore",
    noAgreement: "Nessuna convenzione in vigore",
    empty: "Nessuna scuola è ancora registrata.",
  },
  agreements: {
    title: "Convenzioni in vigore",
    intro:
      "Le convenzioni con cui l'ospedale fa parte della rete formativa di un'università, in vigore oggi, con le scuole che ciascuna comprende e i loro posti.",
    caption: "Convenzioni in vigore oggi",
    role: "Ruolo dell'ospedale",
    from: "Valida dal",
    to: "Valida fino al",
    programmes: "Scuole comprese (posti)",
    programmePosts_one: "{{programme}}: {{count}} posto",
    programmePosts_other: "{{programme}}: {{count}} posti",
    none: "Nessuna",
    roles: {
      collegata: "Struttura collegata",
      complementare: "Struttura complementare",
    },
    empty: "Nessuna convenzione è in vigore oggi.",
  },
  figures: {
    title: "Dati per anno accademico",
    intro:
      "Un anno accademico comincia il giorno stabilito dall'ospedale (negli ultimi anni i contratti sono partiti intorno a novembre) e finisce il giorno prima del successivo. I dati riguardano l'anno accademico in corso e i quattro precedenti.",
    yearLabel: "Anno accademico",
    show: "Mostra",
    period: "Anno accademico {{year}}: dal {{from}} al {{to}}",
    byProgramme: "Specializzandi ospitati e didattica erogata per scuola",
    byProgrammeCaption: "Specializzandi ospitati e ore di didattica erogate per scuola, anno accademico {{year}}",
    byDepartment: "Rotazioni per struttura",
    byDepartmentCaption: "Rotazioni per struttura, anno accademico {{year}}",
    programme: "Scuola",
    university: "Università",
    residents: "Specializzandi ospitati",
    hours: "Ore di didattica erogate",
    department: "Struttura",
    rotations: "Rotazioni",
    fewerThan5: "meno di 5",
    notes:
      "Specializzandi ospitati: quelli la cui permanenza in ospedale cade, anche per un solo giorno, nell'anno. Ore di didattica erogate: la durata delle sessioni tenute per la scuola nell'anno con presenze confermate, ogni sessione contata una volta per ciascuna scuola a cui è destinata. Rotazioni: quelle non annullate che cadono, anche per un solo giorno, nell'anno.",
  },
  downloads: {
    title: "Scarica i dati",
    intro:
      "Ogni insieme di dati ha un indirizzo stabile, in JSON e in CSV (UTF-8, separato da virgole, nomi delle colonne in inglese qualunque sia la lingua di questa pagina). I file possono essere letti da programmi di qualsiasi sito e indicano quando sono cambiati l'ultima volta (ETag, Last-Modified).",
    datasets: {
      programmes: "Scuole ospitate",
      agreements: "Convenzioni in vigore",
      figures: "Dati per anno accademico",
    },
    file: "{{dataset}}, {{format}}",
  },
  documentation: {
    title: "Che cosa contengono i file",
    intro:
      "I file JSON contengono la licenza, l'attribuzione, quando i dati sono cambiati l'ultima volta (generatedAt), un collegamento a questa sezione e le righe (data); i file CSV contengono le stesse righe, una per linea. I valori sono in inglese; “<5” indica un conteggio da 1 a 4.",
    address: "Indirizzo",
    column: "Colonna",
    meaning: "Significato",
    caption: "Colonne di {{dataset}}",
    columns: {
      programme_code: "Il codice pubblico della scuola: il codice dell'università e quello della specialità.",
      university_code: "Il codice pubblico dell'università (la sua sigla).",
      university: "Il nome dell'università.",
      university_city: "La città dell'università.",
      specialty_code: "Il codice della specialità nell'elenco nazionale delle scuole di specializzazione.",
      specialty_it: "Il nome della specialità in italiano.",
      specialty_en: "Il nome della specialità in inglese.",
      duration_years: "La durata della scuola, in anni.",
      agreement_in_force: "true quando una convenzione in vigore oggi comprende la scuola.",
      posts_in_force:
        "I posti (specializzandi presenti contemporaneamente) che le convenzioni in vigore oggi assegnano alla scuola; 0 se nessuna.",
      agreement_code: "Il codice pubblico della convenzione: il codice dell'università e il primo giorno di validità.",
      facility_role: "Il ruolo dell'ospedale nella rete dell'università: collegata o complementare.",
      valid_from: "Il primo giorno di validità (AAAA-MM-GG).",
      valid_to: "L'ultimo giorno di validità (AAAA-MM-GG), o il giorno in cui è cessata in anticipo.",
      posts: "I posti (specializzandi presenti contemporaneamente) che la convenzione assegna alla scuola; vuoto se non ne comprende.",
      academic_year: "L'anno accademico, per esempio 2025/26.",
      year_start: "Il primo giorno dell'anno accademico (AAAA-MM-GG).",
      year_end: "L'ultimo giorno dell'anno accademico (AAAA-MM-GG).",
      measure:
        "Che cosa si conta: residents_hosted (specializzandi ospitati), teaching_hours_delivered (ore di didattica erogate), per scuola, o rotations (rotazioni), per struttura.",
      unit: "L'unità di value: residents, hours o rotations.",
      department_code: "Il codice pubblico della struttura (il suo nome in minuscolo con trattini), per le rotazioni.",
      department: "Il nome della struttura, per le rotazioni.",
      value: "Il dato: un numero (le ore con al più due decimali), o <5 per un conteggio da 1 a 4.",
    },
  },
};
