/**
 * Words the large dataset is written with: invented people's names (small lists, combined by the seeded
 * generator), the universities, the departments' kinds and what is taught. Universities are real
 * institutions, as in the demo; the people, their e-mails (example.it domains) and figures are invented.
 */

export const FIRST_NAMES = [
  "Alessandro", "Andrea", "Anna", "Antonio", "Beatrice", "Carlo", "Caterina", "Chiara", "Claudia", "Cristina",
  "Daniele", "Davide", "Elena", "Elisa", "Emanuele", "Federica", "Federico", "Francesca", "Francesco", "Gabriele",
  "Giacomo", "Giada", "Giorgia", "Giorgio", "Giovanni", "Giulia", "Giuseppe", "Ilaria", "Irene", "Laura",
  "Leonardo", "Lorenzo", "Luca", "Lucia", "Marco", "Maria", "Martina", "Matteo", "Michele", "Nicola",
  "Paola", "Paolo", "Pietro", "Riccardo", "Roberta", "Roberto", "Sara", "Silvia", "Simone", "Stefano",
  "Tommaso", "Valentina", "Valeria", "Veronica",
];

export const LAST_NAMES = [
  "Amato", "Barbieri", "Bassi", "Bellini", "Benedetti", "Bernardi", "Bianchi", "Bruno", "Caruso", "Casini",
  "Cattaneo", "Colombo", "Conte", "Costa", "D'Angelo", "De Luca", "De Santis", "Esposito", "Fabbri", "Farina",
  "Ferrara", "Ferrari", "Ferri", "Fontana", "Galli", "Gallo", "Gatti", "Gentile", "Giordano", "Greco",
  "Guerra", "Leone", "Lombardi", "Longo", "Mancini", "Marchetti", "Mariani", "Marino", "Martinelli", "Martini",
  "Mazza", "Messina", "Monti", "Morelli", "Moretti", "Negri", "Orlando", "Palumbo", "Parisi", "Pellegrini",
  "Rinaldi", "Ricci", "Rizzi", "Rizzo", "Romano", "Rossi", "Rossetti", "Russo", "Sala", "Santoro",
  "Serra", "Silvestri", "Sorrentino", "Testa", "Valentini", "Villa", "Vitale",
];

/** [name, short name, city, contact office] */
export const UNIVERSITIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ["Università degli Studi di Milano", "UNIMI", "Milano", "Ufficio Scuole di Specializzazione di Area Sanitaria"],
  ["Università degli Studi di Milano-Bicocca", "UNIMIB", "Milano", "Area Formazione Post Laurea"],
  ["Università degli Studi di Pavia", "UNIPV", "Pavia", "Servizio Scuole di Specializzazione"],
  ["Humanitas University", "HUNIMED", "Pieve Emanuele", "Postgraduate Office"],
  ["Università Vita-Salute San Raffaele", "UNISR", "Milano", "Segreteria Scuole di Specializzazione"],
  ["Università degli Studi di Brescia", "UNIBS", "Brescia", "U.O.C. Formazione Specialistica"],
  ["Università degli Studi dell'Insubria", "UNINSUBRIA", "Varese", "Ufficio Formazione Post Laurea"],
  ["Università degli Studi di Torino", "UNITO", "Torino", "Sezione Scuole di Specializzazione"],
  ["Università degli Studi del Piemonte Orientale", "UPO", "Novara", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Genova", "UNIGE", "Genova", "Servizio Formazione Specialistica"],
  ["Università degli Studi di Padova", "UNIPD", "Padova", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Verona", "UNIVR", "Verona", "U.O. Scuole di Specializzazione"],
  ["Università degli Studi di Trieste", "UNITS", "Trieste", "Ufficio Post Lauream"],
  ["Università degli Studi di Udine", "UNIUD", "Udine", "Ufficio Scuole di Specializzazione"],
  ["Alma Mater Studiorum – Università di Bologna", "UNIBO", "Bologna", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Modena e Reggio Emilia", "UNIMORE", "Modena", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Parma", "UNIPR", "Parma", "U.O. Formazione Post Lauream"],
  ["Università degli Studi di Ferrara", "UNIFE", "Ferrara", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Firenze", "UNIFI", "Firenze", "Unità Scuole di Specializzazione"],
  ["Università di Pisa", "UNIPI", "Pisa", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Siena", "UNISI", "Siena", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Perugia", "UNIPG", "Perugia", "Ufficio Scuole di Specializzazione"],
  ["Università Politecnica delle Marche", "UNIVPM", "Ancona", "Ufficio Formazione Specialistica"],
  ["Sapienza Università di Roma", "UNIROMA1", "Roma", "Settore Scuole di Specializzazione"],
  ["Università degli Studi di Roma Tor Vergata", "UNIROMA2", "Roma", "Segreteria Scuole di Specializzazione"],
  ["Università Cattolica del Sacro Cuore", "UNICATT", "Roma", "Ufficio Scuole di Specializzazione"],
  ["Università Campus Bio-Medico di Roma", "UCBM", "Roma", "Postgraduate Office"],
  ["UniCamillus", "UNICAMILLUS", "Roma", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi dell'Aquila", "UNIVAQ", "L'Aquila", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi G. d'Annunzio Chieti-Pescara", "UNICH", "Chieti", "Settore Scuole di Specializzazione"],
  ["Università degli Studi del Molise", "UNIMOL", "Campobasso", "Ufficio Post Laurea"],
  ["Università degli Studi di Napoli Federico II", "UNINA", "Napoli", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi della Campania Luigi Vanvitelli", "UNICAMPANIA", "Napoli", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Salerno", "UNISA", "Salerno", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Foggia", "UNIFG", "Foggia", "Area Formazione Post Laurea"],
  ["Università degli Studi di Bari Aldo Moro", "UNIBA", "Bari", "U.O. Scuole di Specializzazione"],
  ["Università degli Studi Magna Græcia di Catanzaro", "UMG", "Catanzaro", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Messina", "UNIME", "Messina", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Catania", "UNICT", "Catania", "Area della Didattica – Scuole di Specializzazione"],
  ["Università degli Studi di Palermo", "UNIPA", "Palermo", "Settore Scuole di Specializzazione"],
  ["Università degli Studi di Sassari", "UNISS", "Sassari", "Ufficio Scuole di Specializzazione"],
  ["Università degli Studi di Cagliari", "UNICA", "Cagliari", "Settore Scuole di Specializzazione"],
  ["Università degli Studi di Trento", "UNITN", "Trento", "Ufficio Formazione Post Laurea"],
  ["Università degli Studi di Enna Kore", "UNIKORE", "Enna", "Ufficio Scuole di Specializzazione"],
  ["Università del Salento", "UNISALENTO", "Lecce", "Ufficio Post Laurea"],
  ["Università della Calabria", "UNICAL", "Rende", "Ufficio Post Laurea"],
  ["Università degli Studi di Bergamo", "UNIBG", "Bergamo", "Ufficio Post Laurea"],
  ["Università degli Studi della Basilicata", "UNIBAS", "Potenza", "Ufficio Post Laurea"],
  ["Università LUM Giuseppe Degennaro", "LUM", "Casamassima", "Ufficio Post Laurea"],
  ["Università degli Studi Roma Tre", "UNIROMA3", "Roma", "Ufficio Post Laurea"],
  ["Università degli Studi della Tuscia", "UNITUS", "Viterbo", "Ufficio Post Laurea"],
  ["Università degli Studi di Cassino e del Lazio Meridionale", "UNICAS", "Cassino", "Ufficio Post Laurea"],
  ["Università degli Studi di Teramo", "UNITE", "Teramo", "Ufficio Post Laurea"],
  ["Università degli Studi di Camerino", "UNICAM", "Camerino", "Ufficio Post Laurea"],
  ["Università degli Studi di Macerata", "UNIMC", "Macerata", "Ufficio Post Laurea"],
  ["Università degli Studi di Urbino Carlo Bo", "UNIURB", "Urbino", "Ufficio Post Laurea"],
  ["Università degli Studi del Sannio", "UNISANNIO", "Benevento", "Ufficio Post Laurea"],
  ["Università degli Studi di Napoli Parthenope", "UNIPARTHENOPE", "Napoli", "Ufficio Post Laurea"],
  ["Libera Università di Bolzano", "UNIBZ", "Bolzano", "Ufficio Post Laurea"],
  ["Università Ca' Foscari Venezia", "UNIVE", "Venezia", "Ufficio Post Laurea"],
];

/** Kinds of unit; numbered ("Cardiologia 3") when a size needs more departments than kinds. */
export const DEPARTMENT_KINDS = [
  "Oncologia Medica", "Radioterapia Oncologica", "Ematologia", "Anatomia Patologica", "Radiologia Diagnostica e Interventistica",
  "Medicina Nucleare", "Chirurgia Generale", "Chirurgia Toracica", "Ginecologia e Ostetricia", "Urologia",
  "Otorinolaringoiatria", "Chirurgia Plastica Ricostruttiva", "Dermatologia", "Anestesia e Rianimazione", "Terapia Intensiva",
  "Cure Palliative", "Gastroenterologia ed Endoscopia Digestiva", "Pneumologia", "Medicina Interna", "Pediatria",
  "Genetica Medica", "Laboratorio di Patologia Clinica", "Microbiologia e Virologia", "Farmacia Ospedaliera", "Neurochirurgia",
  "Neurologia", "Psichiatria", "Cardiologia", "Cardiochirurgia", "Chirurgia Vascolare",
  "Ortopedia e Traumatologia", "Oculistica", "Nefrologia e Dialisi", "Endocrinologia e Diabetologia", "Geriatria",
  "Malattie Infettive", "Medicina d'Urgenza e Pronto Soccorso", "Medicina Riabilitativa", "Reumatologia", "Neuropsichiatria Infantile",
  "Chirurgia Pediatrica", "Chirurgia Maxillo-Facciale", "Medicina del Lavoro", "Medicina Legale", "Igiene Ospedaliera",
];

export const TOPICS = [
  "immunoterapia nel NSCLC", "carcinoma mammario HER2-positivo", "tossicità da inibitori dei checkpoint", "biopsia liquida",
  "radioterapia stereotassica", "linfomi diffusi a grandi cellule B", "classificazione WHO dei tumori", "criteri RECIST",
  "PET/TC nella stadiazione", "percorsi ERAS", "chirurgia robotica", "carcinoma dell'endometrio", "sorveglianza attiva",
  "chirurgia transorale", "ricostruzione con lembi liberi", "dermoscopia", "vie aeree difficili", "dolore oncologico",
  "sedazione palliativa", "ecoendoscopia", "broncoscopia interventistica", "tromboembolismo venoso", "neutropenia febbrile",
  "consulenza genetica", "patologia molecolare e NGS", "scompenso cardiaco", "sindrome coronarica acuta", "fibrillazione atriale",
  "ictus ischemico acuto", "epilessia", "sepsi", "insufficienza renale acuta", "diabete di tipo 1", "fratture del femore",
  "delirium nell'anziano", "antibiotico-resistenza", "trauma maggiore", "riabilitazione dopo ictus", "artrite reumatoide",
  "disturbi del neurosviluppo", "stewardship antimicrobica", "comunicazione delle cattive notizie", "etica clinica",
];

/** Title prefixes by session type (app/domain/teaching.ts TEACHING_TYPES). */
export const TYPE_TITLES: Record<string, string> = {
  lecture: "Lezione",
  seminar: "Seminario",
  bedside: "Didattica al letto del paziente",
  "case-discussion": "Discussione multidisciplinare",
  "journal-club": "Journal club",
  simulation: "Simulazione",
  "grand-round": "Grand round",
};

export const PLACES = ["Aula Magna", "Aula 1 – Edificio didattico", "Aula 2 – Edificio didattico", "Sala riunioni, Padiglione A", "Sala riunioni, Padiglione B", "Biblioteca medica", "Centro di simulazione"];

export const CANCEL_REASONS = [
  "Relatore indisponibile per urgenza clinica.",
  "Sovrapposizione con il congresso nazionale della società scientifica.",
  "Aula non disponibile: lavori di manutenzione.",
  "Rinviata su richiesta degli specializzandi per la sessione d'esame.",
];

export const TERMINATION_REASON = "Recesso anticipato dell'ateneo per la riorganizzazione della rete formativa.";
