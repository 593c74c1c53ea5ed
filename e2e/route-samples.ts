import { randomUUID } from "node:crypto";
import { issuePasswordToken } from "~/auth/password-token.server";
import { prisma } from "~/utils/db.server";

/**
 * A real value for every dynamic segment of the app's routes, for the route policy test.
 * A route with a parameter missing here fails that test: add its sample when adding the route.
 */
export const ROUTE_SAMPLES: Record<string, (subject: { userId: string }) => Promise<string>> = {
  ":userId": async ({ userId }) => userId,
  ":token": async ({ userId }) => (await issuePasswordToken(userId)).token,
  ":universityId": async () =>
    (await prisma.university.create({ data: { name: `Sample university ${randomUUID()}`, city: "Milano" } })).id,
  "*": async () => "no-such-page",
};
