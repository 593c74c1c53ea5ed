import type { RotationProblem } from "~/domain/rotation-rules";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";

/** The form's error when a rotation names a resident or department that does not exist (InvalidChoiceError's field). */
export function invalidChoiceErrors(field: string): Record<string, string[]> {
  return { [field]: [field === "residentId" ? "rotations.residentInvalid" : "rotations.departmentInvalid"] };
}

/** Each broken rotation rule in words a coordinator understands, naming the day, rotation or agreement. */
export function describeRotationProblems(problems: RotationProblem[], departmentName: string, locale: Locale) {
  const t = translator(locale);
  const { date } = formatters(locale);
  return problems.map((p) => {
    switch (p.rule) {
      case "outsideStay":
        return { message: t("rotations.problems.outsideStay", { day: date(p.day), start: date(p.stayStart), end: date(p.stayEnd) }) };
      case "overlap":
        return {
          message: t("rotations.problems.overlap", { department: p.departmentName, start: date(p.start), end: date(p.end) }),
          link: `/admin/rotations/${p.rotationId}`,
        };
      case "capacity":
        return { message: t("rotations.problems.capacity", { day: date(p.day), department: departmentName, capacity: p.capacity }) };
      case "noAgreement":
        return { message: t("rotations.problems.noAgreement", { day: date(p.day) }) };
      case "posts":
        return { message: t("rotations.problems.posts", { day: date(p.day), posts: p.posts }), link: `/admin/agreements/${p.agreementId}` };
      case "tutorNotOnStaff":
        return { message: t("rotations.problems.tutorNotOnStaff", { department: departmentName }) };
      case "dates":
        return { message: t("rotations.problems.dates") };
    }
  });
}
