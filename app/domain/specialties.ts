/**
 * Specialties of the national list of schools of specialization (DI 68/2015 and later amendments)
 * that a cancer hospital typically hosts, with their standard length in years.
 */
export type Specialty = { code: string; it: string; en: string; years: number };

export const SPECIALTIES: readonly Specialty[] = [
  { code: "oncologia-medica", it: "Oncologia medica", en: "Medical oncology", years: 5 },
  { code: "radioterapia", it: "Radioterapia", en: "Radiation oncology", years: 4 },
  { code: "ematologia", it: "Ematologia", en: "Haematology", years: 4 },
  { code: "anatomia-patologica", it: "Anatomia patologica", en: "Pathology", years: 4 },
  { code: "radiodiagnostica", it: "Radiodiagnostica", en: "Diagnostic radiology", years: 4 },
  { code: "medicina-nucleare", it: "Medicina nucleare", en: "Nuclear medicine", years: 4 },
  { code: "chirurgia-generale", it: "Chirurgia generale", en: "General surgery", years: 5 },
  { code: "chirurgia-toracica", it: "Chirurgia toracica", en: "Thoracic surgery", years: 5 },
  { code: "ginecologia-ostetricia", it: "Ginecologia e ostetricia", en: "Obstetrics and gynaecology", years: 5 },
  { code: "urologia", it: "Urologia", en: "Urology", years: 5 },
  { code: "otorinolaringoiatria", it: "Otorinolaringoiatria", en: "Otorhinolaryngology", years: 4 },
  { code: "chirurgia-plastica", it: "Chirurgia plastica ricostruttiva ed estetica", en: "Plastic, reconstructive and aesthetic surgery", years: 5 },
  { code: "dermatologia", it: "Dermatologia e venereologia", en: "Dermatology and venereology", years: 4 },
  { code: "anestesia", it: "Anestesia rianimazione terapia intensiva e del dolore", en: "Anaesthesia, intensive care and pain medicine", years: 5 },
  { code: "cure-palliative", it: "Cure palliative", en: "Palliative care", years: 4 },
  { code: "gastroenterologia", it: "Gastroenterologia", en: "Gastroenterology", years: 4 },
  { code: "malattie-respiratorie", it: "Malattie dell'apparato respiratorio", en: "Respiratory medicine", years: 4 },
  { code: "medicina-interna", it: "Medicina interna", en: "Internal medicine", years: 5 },
  { code: "pediatria", it: "Pediatria", en: "Paediatrics", years: 4 },
  { code: "genetica-medica", it: "Genetica medica", en: "Medical genetics", years: 4 },
  { code: "patologia-clinica", it: "Patologia clinica e biochimica clinica", en: "Clinical pathology and clinical biochemistry", years: 4 },
  { code: "microbiologia", it: "Microbiologia e virologia", en: "Microbiology and virology", years: 4 },
  { code: "farmacologia", it: "Farmacologia e tossicologia clinica", en: "Clinical pharmacology and toxicology", years: 4 },
  { code: "igiene", it: "Igiene e medicina preventiva", en: "Hygiene and preventive medicine", years: 4 },
  { code: "statistica-sanitaria", it: "Statistica sanitaria e biometria", en: "Health statistics and biometrics", years: 4 },
  { code: "fisica-medica", it: "Fisica medica", en: "Medical physics", years: 3 },
  { code: "farmacia-ospedaliera", it: "Farmacia ospedaliera", en: "Hospital pharmacy", years: 4 },
  { code: "neurochirurgia", it: "Neurochirurgia", en: "Neurosurgery", years: 5 },
  { code: "neurologia", it: "Neurologia", en: "Neurology", years: 4 },
  { code: "psichiatria", it: "Psichiatria", en: "Psychiatry", years: 4 },
];

const BY_CODE = new Map(SPECIALTIES.map((s) => [s.code, s]));

export function specialty(code: string): Specialty | undefined {
  return BY_CODE.get(code);
}

/** The specialty's name in the reader's language; the code itself if it is not on the list. */
export function specialtyName(code: string, locale: "it" | "en"): string {
  return BY_CODE.get(code)?.[locale] ?? code;
}
