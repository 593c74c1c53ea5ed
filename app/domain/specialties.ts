/**
 * The national list of schools of specialization for medical graduates (DI 68/2015, as amended since:
 * Cure palliative added in 2021), with each specialty's standard length in years. Two schools open to
 * other graduates that a hospital pharmacy and physics service host are kept too (Fisica medica,
 * Farmacia ospedaliera). Codes are stored in the database: never rename one.
 *
 * The first entries are the specialties a cancer hospital typically hosts (docs/domain.md), in the order the
 * demo hospital has always drawn them from; the rest of the national list follows. Schools merged by the
 * 2015 reform (Neurofisiopatologia into Neurologia, Tossicologia clinica into Farmacologia e tossicologia
 * clinica, Chirurgia dell'apparato digerente into Chirurgia generale) are not on the list.
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
  {
    code: "chirurgia-plastica",
    it: "Chirurgia plastica ricostruttiva ed estetica",
    en: "Plastic, reconstructive and aesthetic surgery",
    years: 5,
  },
  { code: "dermatologia", it: "Dermatologia e venereologia", en: "Dermatology and venereology", years: 4 },
  {
    code: "anestesia",
    it: "Anestesia rianimazione terapia intensiva e del dolore",
    en: "Anaesthesia, intensive care and pain medicine",
    years: 5,
  },
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
  // The rest of the national list, by area: medicine,
  { code: "allergologia", it: "Allergologia ed immunologia clinica", en: "Allergy and clinical immunology", years: 4 },
  { code: "endocrinologia", it: "Endocrinologia e malattie del metabolismo", en: "Endocrinology and metabolic diseases", years: 4 },
  { code: "geriatria", it: "Geriatria", en: "Geriatrics", years: 4 },
  { code: "malattie-cardiovascolari", it: "Malattie dell'apparato cardiovascolare", en: "Cardiovascular diseases", years: 4 },
  { code: "malattie-infettive", it: "Malattie infettive e tropicali", en: "Infectious and tropical diseases", years: 4 },
  { code: "medicina-emergenza-urgenza", it: "Medicina d'emergenza-urgenza", en: "Emergency medicine", years: 5 },
  { code: "medicina-sport", it: "Medicina dello sport e dell'esercizio fisico", en: "Sport and exercise medicine", years: 4 },
  { code: "medicina-termale", it: "Medicina termale", en: "Thermal medicine", years: 4 },
  { code: "medicina-comunita", it: "Medicina di comunità e delle cure primarie", en: "Community and primary care medicine", years: 4 },
  { code: "nefrologia", it: "Nefrologia", en: "Nephrology", years: 4 },
  { code: "reumatologia", it: "Reumatologia", en: "Rheumatology", years: 4 },
  { code: "scienza-alimentazione", it: "Scienza dell'alimentazione", en: "Nutrition science", years: 4 },
  { code: "neuropsichiatria-infantile", it: "Neuropsichiatria infantile", en: "Child neuropsychiatry", years: 4 },
  // surgery,
  { code: "cardiochirurgia", it: "Cardiochirurgia", en: "Cardiac surgery", years: 5 },
  { code: "chirurgia-vascolare", it: "Chirurgia vascolare", en: "Vascular surgery", years: 5 },
  { code: "chirurgia-pediatrica", it: "Chirurgia pediatrica", en: "Paediatric surgery", years: 5 },
  { code: "chirurgia-maxillo-facciale", it: "Chirurgia maxillo-facciale", en: "Maxillofacial surgery", years: 5 },
  { code: "ortopedia", it: "Ortopedia e traumatologia", en: "Orthopaedics and traumatology", years: 5 },
  { code: "oftalmologia", it: "Oftalmologia", en: "Ophthalmology", years: 4 },
  // clinical services and public health.
  { code: "audiologia-foniatria", it: "Audiologia e foniatria", en: "Audiology and phoniatrics", years: 4 },
  { code: "medicina-fisica-riabilitativa", it: "Medicina fisica e riabilitativa", en: "Physical and rehabilitation medicine", years: 4 },
  { code: "medicina-lavoro", it: "Medicina del lavoro", en: "Occupational medicine", years: 4 },
  { code: "medicina-legale", it: "Medicina legale", en: "Legal medicine", years: 4 },
];

/** How many entries at the head of the list are the specialties a cancer hospital typically hosts. */
const CANCER_HOSPITAL_COUNT = 30;

/**
 * The specialties a cancer hospital typically hosts (docs/domain.md), in their original order: the demo
 * hospital draws its programmes from these, so that extending the national list changes nothing in it.
 */
export const CANCER_HOSPITAL_SPECIALTIES: readonly Specialty[] = SPECIALTIES.slice(0, CANCER_HOSPITAL_COUNT);

const BY_CODE = new Map(SPECIALTIES.map((s) => [s.code, s]));

export function specialty(code: string): Specialty | undefined {
  return BY_CODE.get(code);
}

/** The specialty's name in the reader's language; the code itself if it is not on the list. */
export function specialtyName(code: string, locale: "it" | "en"): string {
  return BY_CODE.get(code)?.[locale] ?? code;
}
